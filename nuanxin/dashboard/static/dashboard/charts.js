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

  // Targets range from 30 to 1,100, so each measure is drawn as its share of its target,
  // a bar per measure with its name beside it (readable on a phone) and the count on the bar.
  var elder = document.body.classList.contains("elder");
  var font = elder ? 18 : 13;
  var targets = document.getElementById("chart-targets");
  var withTarget = data.targets.filter(function (t) { return t.actual !== null; });
  if (targets && withTarget.length) {
    document.getElementById("chart-targets-title").hidden = false;
    targets.style.height = (withTarget.length * (elder ? 56 : 44) + 40) + "px";
    draw(targets, {
      animation: false,
      // The names get a fixed column on the left (containLabel cut wrapped Chinese names).
      grid: { left: elder ? 132 : 112, right: 72, bottom: 28, top: 8 },
      xAxis: { type: "value", max: function (v) { return Math.max(100, Math.ceil(v.max / 10) * 10); },
               axisLabel: { formatter: "{value}%", fontSize: font } },
      yAxis: { type: "category", inverse: true,
               axisLabel: { fontSize: font, width: elder ? 124 : 104, overflow: "break", lineHeight: font + 3 },
               data: withTarget.map(function (t) { return t.name; }) },
      series: [{ type: "bar", color: brand, barMaxWidth: 24,
                 label: { show: true, position: "right", fontSize: font,
                          formatter: function (p) { var t = withTarget[p.dataIndex]; return t.actual + "/" + t.target; } },
                 data: withTarget.map(function (t) { return Math.round(100 * t.actual / t.target); }) }]
    });
  }

  data.series.forEach(function (s) {
    var node = document.querySelector('.chart.spark[data-series="' + s.code + '"]');
    if (!node || s.points.length < 2) { return; }
    draw(node, {
      animation: false,
      tooltip: { trigger: "axis" },
      grid: { left: 4, right: 4, top: 8, bottom: 20, containLabel: true },
      xAxis: { type: "category", data: s.points.map(function (p) { return p[0]; }), axisLabel: { fontSize: font } },
      yAxis: { type: "value", splitNumber: 2, minInterval: 1, axisLabel: { fontSize: font } },
      series: [{ type: "line", color: brand, connectNulls: false, symbolSize: 4,
                 data: s.points.map(function (p) { return p[1]; }) }]
    });
  });

  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
