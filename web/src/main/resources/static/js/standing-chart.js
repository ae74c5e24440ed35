// The seller's content score per session: the data comes as JSON in the canvas' data-chart attribute,
// since the pages' Content-Security-Policy allows no inline script.
(function () {
  var canvas = document.getElementById("score-chart");
  if (!canvas || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(canvas.dataset.chart || '{"labels":[],"scores":[],"sessions":[]}');
  if (data.scores.length === 0) {
    return;
  }
  new Chart(canvas, {
    type: "line",
    data: { labels: data.labels, datasets: [{ label: canvas.dataset.label, data: data.scores, tension: 0.2, pointRadius: 3 }] },
    options: {
      maintainAspectRatio: false,
      scales: { y: { min: 0, max: 100 } },
      plugins: { tooltip: { callbacks: { footer: function (items) { return data.sessions[items[0].dataIndex]; } } } }
    }
  });
})();
