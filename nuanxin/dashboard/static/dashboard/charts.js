// Draws the dashboard's charts with Apache ECharts from the JSON the page carries
// (#chart-data): the same numbers as the tables, which stay the accessible path. A hidden
// small number ("<5") is a gap in a line. Without JavaScript the tables are all there is.
(function () {
  "use strict";
  var el = document.getElementById("chart-data");
  if (!el || !window.echarts) { return; }
  var data = JSON.parse(el.textContent);
  var brand = "#a13a06", grey = "#8a6d5a";
  var charts = [];

  function draw(node, option) {
    var chart = window.echarts.init(node);  // the simple build draws on a canvas
    chart.setOption(option);
    charts.push(chart);
  }

  var targets = document.getElementById("chart-targets");
  if (targets && data.targets.length) {
    draw(targets, {
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { data: [targets.dataset.actual || "actual", targets.dataset.target || "target"] },
      grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: "category", data: data.targets.map(function (t) { return t.name; }),
               axisLabel: { interval: 0, width: 80, overflow: "break" } },
      yAxis: { type: "value" },
      series: [
        { name: targets.dataset.actual || "actual", type: "bar", color: brand,
          data: data.targets.map(function (t) { return t.actual; }) },
        { name: targets.dataset.target || "target", type: "bar", color: grey,
          data: data.targets.map(function (t) { return t.target; }) }
      ]
    });
  }

  data.series.forEach(function (s) {
    var node = document.querySelector('.chart.spark[data-series="' + s.code + '"]');
    if (!node || s.points.length < 2) { return; }
    draw(node, {
      animation: false,
      tooltip: { trigger: "axis" },
      grid: { left: 4, right: 4, top: 8, bottom: 20, containLabel: true },
      xAxis: { type: "category", data: s.points.map(function (p) { return p[0]; }), axisLabel: { fontSize: 10 } },
      yAxis: { type: "value", splitNumber: 2, axisLabel: { fontSize: 10 } },
      series: [{ type: "line", color: brand, connectNulls: false, symbolSize: 4,
                 data: s.points.map(function (p) { return p[1]; }) }]
    });
  });

  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
