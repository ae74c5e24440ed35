// Findings gained and lost per day of a back-test: the data comes as JSON in the canvas' data-chart
// attribute, since the pages' Content-Security-Policy allows no inline script.
(function () {
  var canvas = document.getElementById("backtest-chart");
  if (!canvas || typeof Chart === "undefined") {
    return;
  }
  var days = JSON.parse(canvas.dataset.chart || "[]");
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: days.map(function (d) { return d.date; }),
      datasets: [
        { label: canvas.dataset.gained, data: days.map(function (d) { return d.gained; }), backgroundColor: "#b91c1c" },
        { label: canvas.dataset.lost, data: days.map(function (d) { return -d.lost; }), backgroundColor: "#15803d" }
      ]
    },
    options: { animation: false, scales: { x: { stacked: true }, y: { stacked: true, ticks: { precision: 0 } } } }
  });
})();
