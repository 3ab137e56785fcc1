// Staff voting dashboard: votes per hour by status (data from the json_script element).
(function () {
  "use strict";
  var source = document.getElementById("vote-chart-data");
  var canvas = document.getElementById("vote-chart");
  if (!source || !canvas || typeof window.Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var colours = { valid: "#2e7d32", quarantined: "#f9a825", invalid: "#c62828" };
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: data.series.map(function (s) {
        return { label: s.label, data: s.data, backgroundColor: colours[s.status] || "#607d8b" };
      }),
    },
    options: {
      aspectRatio: 3,
      animation: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
})();

// Live: reload the figures every minute, unless staff have started ticking alerts.
(function () {
  "use strict";
  window.setInterval(function () {
    if (!document.querySelector('#vote-alerts input[type="checkbox"]:checked')) {
      window.location.reload();
    }
  }, 60000);
})();
