// Questions per day as a PNG (the /insights attachment): stacked bars by outcome, drawn by Chart.js
// on a server-side canvas (@napi-rs/canvas ships prebuilt binaries; no system libraries).
import { createCanvas } from '@napi-rs/canvas';
import { Chart, type ChartConfiguration, registerables } from 'chart.js';
import type { DayRow } from './report.js';

Chart.register(...registerables);

const WIDTH = 900;
const HEIGHT = 420;
/** Outcome colours, shared with the dashboard's charts. */
export const OUTCOME_COLOURS = { answered: '#16a34a', related: '#f59e0b', notFound: '#dc2626' } as const;
export const OUTCOME_LABELS = { answered: 'answered', related: 'related only', notFound: 'not found' } as const;

export function questionsPerDayPng(days: readonly DayRow[], title: string): Buffer {
  const canvas = createCanvas(WIDTH, HEIGHT);
  const ctx = canvas.getContext('2d');
  // A white background: Discord's dark theme would show a transparent PNG's black text on black.
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: days.map((d) => d.day.slice(5)),
      datasets: (['answered', 'related', 'notFound'] as const).map((key) => ({
        label: OUTCOME_LABELS[key],
        data: days.map((d) => d[key]),
        backgroundColor: OUTCOME_COLOURS[key],
        stack: 'questions',
      })),
    },
    options: {
      animation: false,
      responsive: false,
      plugins: { title: { display: true, text: title } },
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
    },
  };
  // Chart.js draws on anything with a 2D context; its types name the browser's canvas.
  const chart = new Chart(canvas as unknown as ConstructorParameters<typeof Chart>[0], config);
  const png = canvas.toBuffer('image/png');
  chart.destroy();
  return png;
}
