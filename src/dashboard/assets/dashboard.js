// The dashboard's charts: Chart.js (served from this dashboard, no CDN) over the JSON the page
// carries in <script type="application/json" id="chart-data"> (never executed as script).
(function () {
  'use strict';
  var holder = document.getElementById('chart-data');
  if (!holder || typeof Chart === 'undefined') return;
  var data = JSON.parse(holder.textContent || '{}');
  var common = { responsive: true, maintainAspectRatio: false, animation: false };
  var perDay = document.getElementById('per-day');
  if (perDay) {
    new Chart(perDay, {
      type: 'bar',
      data: {
        labels: data.days,
        datasets: data.series.map(function (s) {
          return { label: s.label, data: s.data, backgroundColor: s.colour, stack: 'questions' };
        }),
      },
      options: Object.assign({}, common, { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }),
    });
  }
  var outcomes = document.getElementById('outcomes');
  if (outcomes) {
    new Chart(outcomes, {
      type: 'doughnut',
      data: { labels: data.outcomes.labels, datasets: [{ data: data.outcomes.data, backgroundColor: data.outcomes.colours }] },
      options: Object.assign({}, common, { plugins: { legend: { position: 'bottom' } } }),
    });
  }
  document.documentElement.setAttribute('data-charts', 'ready');
})();
