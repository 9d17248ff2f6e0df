// Dispatch report charts, drawn like the dashboard's (echarts, SVG, tooltips in the chart: the
// Content-Security-Policy refuses ECharts' HTML tooltips) from the figures the page shows in its tables.
(function () {
  var source = document.getElementById('dispatch-data');
  if (!source || !window.echarts) return;
  var data = JSON.parse(source.textContent);
  var charts = [];

  function draw(id, series) {
    var el = document.getElementById(id);
    if (!el) return;
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption({
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.teams },
      yAxis: { type: 'value' },
      series: series.map(function (s) { return { type: 'bar', name: s.name, data: s.data }; })
    });
    charts.push(chart);
  }

  draw('chart-dispatch-month', data.month);
  draw('chart-dispatch-funds', [data.funds, data.fundsTarget]);
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  document.documentElement.setAttribute('data-charts', String(charts.length));
})();
