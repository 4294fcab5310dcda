// The no-answer trade-off as a PNG: for each threshold on the answerability model's probability,
// the share of unanswerable questions refused (no-answer accuracy) against the share of answerable
// ones refused (false refusals), one line per question set. Chart.js on a server-side canvas.
import { createCanvas } from '@napi-rs/canvas';
import { Chart, type ChartConfiguration, registerables } from 'chart.js';
import type { CurvePoint } from './fit-answerability.js';

Chart.register(...registerables);

const WIDTH = 900;
const HEIGHT = 600;
const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#4b5563'];

export interface PlotLine {
  label: string;
  points: CurvePoint[];
  /** Which refusal share is the y value: same-topic unanswerable questions (default) or off-topic ones. */
  y?: 'noAnswerAccuracy' | 'offTopicRefused';
}

/** `markers`: operating points to show (e.g. the chosen thresholds), labelled. */
export function tradeOffPng(lines: readonly PlotLine[], markers: ReadonlyArray<{ label: string; point: CurvePoint }>): Buffer {
  const canvas = createCanvas(WIDTH, HEIGHT);
  const config: ChartConfiguration<'scatter'> = {
    type: 'scatter',
    data: {
      datasets: [
        ...lines.map((line, i) => ({
          label: line.label,
          data: line.points.map((p) => ({ x: p.falseRefusals, y: p[line.y ?? 'noAnswerAccuracy'] })),
          showLine: true,
          borderColor: COLOURS[i % COLOURS.length],
          backgroundColor: COLOURS[i % COLOURS.length],
          pointRadius: 2,
        })),
        {
          label: markers.map((m) => m.label).join('; '),
          data: markers.map((m) => ({ x: m.point.falseRefusals, y: m.point.noAnswerAccuracy })),
          pointRadius: 7,
          pointStyle: 'crossRot',
          borderColor: '#111827',
          backgroundColor: '#111827',
        },
      ],
    },
    options: {
      animation: false,
      responsive: false,
      plugins: { title: { display: true, text: 'Saying "not found": no-answer accuracy vs false refusals, across thresholds' } },
      scales: {
        x: { min: 0, max: 1, title: { display: true, text: 'false refusals (answerable questions not answered)' } },
        y: { min: 0, max: 1, title: { display: true, text: 'unanswerable questions not answered' } },
      },
    },
  };
  // Chart.js draws on anything with a 2D context; its types name the browser's canvas.
  const chart = new Chart(canvas as unknown as ConstructorParameters<typeof Chart>[0], config);
  const png = canvas.toBuffer('image/png');
  chart.destroy();
  return png;
}
