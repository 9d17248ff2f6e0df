// Dashboard charts, drawn locally with echarts from the figures the page already shows in its tables.
// Tooltips are drawn in the chart (richText): ECharts' HTML tooltips style their markers with style attributes,
// which the Content-Security-Policy refuses.
(function () {
  var source = document.getElementById('dashboard-data');
  if (!source || !window.echarts) return;
  var data = JSON.parse(source.textContent);
  var charts = [];

  function draw(id, option) {
    var el = document.getElementById(id);
    if (!el) return;
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(option);
    charts.push(chart);
  }

  draw('chart-funnel', {
    tooltip: { trigger: 'item', formatter: '{b}: {c}', renderMode: 'richText' },
    // Labels beside the segments, not inside: a narrow segment (a stage with few projects, or an English name
    // like "In production") is smaller than its label, which then spilled over its neighbours.
    series: [{
      type: 'funnel', sort: 'none', left: 4, top: 8, bottom: 8, width: '50%', minSize: '6%', gap: 2,
      label: { show: true, position: 'right', formatter: '{b} {c}', color: '#212529' },
      labelLine: { show: true, length: 8 },
      data: data.funnel
    }]
  });

  function bars(id, items) {
    var rows = items.slice().reverse();
    draw(id, {
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map(function (r) { return r.name; }) },
      series: [{ type: 'bar', name: data.labels.projects, data: rows.map(function (r) { return r.value; }), label: { show: true, position: 'right' } }]
    });
  }

  bars('chart-chains', data.chains);
  bars('chart-owners', data.owners);
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  document.documentElement.setAttribute('data-charts', String(charts.length));
})();
