// A live's timeline: its signals and actions at minutes since the start, one row per action level and
// signal type. The data comes as JSON in the canvas' data-chart attribute, since the pages'
// Content-Security-Policy allows no inline script. While the live runs, htmx swaps in a new
// #live-updates (with a new canvas) when the live changes; the timeline is drawn again then.
(function () {
  function draw() {
    var canvas = document.getElementById("live-chart");
    if (!canvas || typeof Chart === "undefined" || Chart.getChart(canvas)) {
      return;
    }
    var data = JSON.parse(canvas.dataset.chart || '{"rows":[],"signals":[],"late":[],"actions":[]}');
    new Chart(canvas, {
      type: "scatter",
      data: {
        datasets: [
          { label: canvas.dataset.actions, data: data.actions, pointRadius: 7, pointStyle: "triangle", backgroundColor: "#b91c1c" },
          { label: canvas.dataset.signals, data: data.signals, pointRadius: 4, backgroundColor: "#1d4ed8" },
          { label: canvas.dataset.late, data: data.late, pointRadius: 4, backgroundColor: "#9ca3af" }
        ]
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { type: "linear", min: 0, grace: "5%", title: { display: true, text: canvas.dataset.minutes } },
          y: {
            type: "category", labels: data.rows, offset: true,
            ticks: { callback: function (value) { var row = this.getLabelForValue(value); return (data.labels || {})[row] || row; } }
          }
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: function (item) { return item.raw.y + " · " + item.raw.x + " min · " + item.raw.text; }
            }
          }
        }
      }
    });
  }
  // htmx copies the old element's "style" to its new twin while it settles, with setAttribute, which
  // the Content-Security-Policy refuses (Chart.js styles the canvas); the other attributes it may
  if (window.htmx) {
    window.htmx.config.attributesToSettle = ["class", "width", "height"];
  }
  draw();
  document.addEventListener("htmx:afterSettle", draw);
})();
