// Land-efficiency charts (/land/parks and the enterprise trend): data comes from a JSON script block on the page,
// labels from the server in the reader's language.
// Tooltips are drawn in the chart (richText): ECharts' HTML tooltips style their markers with style attributes,
// which the Content-Security-Policy refuses.
(function () {
  var colors = { A: '#198754', B: '#0d6efd', C: '#fd7e14', D: '#dc3545' };

  function parkChart() {
    var el = document.getElementById('land-park-chart');
    var data = document.getElementById('land-park-data');
    if (!el || !data || !window.echarts) return;
    var d = JSON.parse(data.textContent);
    var chart = echarts.init(el);
    var series = d.series.map(function (s) {
      return { name: s.name, type: 'bar', stack: 'land', data: s.data, itemStyle: { color: colors[s.grade] } };
    });
    series.push({ name: d.needed.name, type: 'bar', data: d.needed.data, itemStyle: { color: '#6c757d' } });
    chart.setOption({
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: d.parks },
      yAxis: { type: 'value' },
      series: series
    });
    window.addEventListener('resize', function () { chart.resize(); });
    el.setAttribute('data-rendered', 'true');
  }

  function trendCharts() {
    document.querySelectorAll('[data-land-trend]').forEach(function (el) {
      var data = document.getElementById(el.getAttribute('data-land-trend'));
      if (!data || !window.echarts) return;
      var d = JSON.parse(data.textContent);
      var chart = echarts.init(el);
      chart.setOption({
        tooltip: { trigger: 'axis', renderMode: 'richText' },
        legend: { top: 0 },
        grid: { left: 50, right: 50, top: 36, bottom: 24 },
        xAxis: { type: 'category', data: d.years },
        yAxis: [{ type: 'value', name: d.perMuUnit }, { type: 'value', name: d.scoreName, min: 0 }],
        series: [
          { name: d.taxName, type: 'bar', data: d.tax },
          { name: d.outputName, type: 'bar', data: d.output },
          { name: d.scoreName, type: 'line', yAxisIndex: 1, data: d.score, label: { show: true, formatter: function (p) { return d.grades[p.dataIndex]; } } }
        ]
      });
      window.addEventListener('resize', function () { chart.resize(); });
      el.setAttribute('data-rendered', 'true');
    });
  }

  parkChart();
  trendCharts();
})();
