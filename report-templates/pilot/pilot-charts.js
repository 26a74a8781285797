/* global uPlot, document, window, IntersectionObserver */
// The evidence report's charts, drawn with uPlot from the JSON embedded in the page (#chart-data).
// A chart is drawn when it scrolls into view (a month of 50 stations is a thousand charts), and
// every chart before printing. The page reads complete without script: each chart's caption says
// in words what it shows.
(function () {
  'use strict';
  var source = document.getElementById('chart-data');
  if (!source || typeof uPlot === 'undefined') return;
  var charts = {};
  JSON.parse(source.textContent).charts.forEach(function (chart) {
    charts[chart.id] = chart;
  });
  var plots = [];
  var HEIGHT = 220;
  var MARKER_COLOURS = { failure: '#a50e0e', repair: '#137333', 'site-visit': '#7b1fa2', excluded: '#5f6368', note: '#b06000', event: '#d93025' };

  // Times on the axes and in the legend in UTC, whatever the reader's zone (the page says so).
  function utcDate(seconds) {
    return uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC');
  }

  var pad = function (n) {
    return (n < 10 ? '0' : '') + n;
  };
  // Axis ticks in 24-hour UTC: the time, with the date (month-day) where the day changes, or only the date at midnight.
  function timeTicks(u, splits) {
    var previousDay = null;
    return splits.map(function (split) {
      var d = new Date(split * 1000);
      var day = pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
      var time = pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes());
      var label = day === previousDay ? time : time === '00:00' ? day : day + '\n' + time;
      previousDay = day;
      return label;
    });
  }

  // The legend's time under the cursor, as the rest of the page writes times.
  function legendTime(u, seconds) {
    if (seconds === null || seconds === undefined) return '--';
    var d = new Date(seconds * 1000);
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' ' + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ' UTC';
  }

  function columns(chart) {
    if (chart.kind === 'points') return [chart.x, chart.y];
    var x = chart.k.map(function (k) {
      return chart.t0 + k * chart.step;
    });
    return [x, chart.min, chart.max, chart.mean];
  }

  // The y range covers the data and every threshold, so a threshold far from the values still shows.
  function yRange(chart) {
    return function (u, min, max) {
      var low = min;
      var high = max;
      chart.thresholds.forEach(function (t) {
        low = low === null || low === undefined ? t.value : Math.min(low, t.value);
        high = high === null || high === undefined ? t.value : Math.max(high, t.value);
      });
      if (low === null || low === undefined) return [0, 1];
      var pad = (high - low) * 0.08 || Math.abs(high) * 0.08 || 1;
      return [low - pad, high + pad];
    };
  }

  // Thresholds as dashed horizontal lines, annotations as vertical lines (an excluded span shaded).
  function overlays(chart) {
    return function (u) {
      var ctx = u.ctx;
      var box = u.bbox;
      var ratio = window.devicePixelRatio || 1;
      ctx.save();
      ctx.beginPath();
      ctx.rect(box.left, box.top, box.width, box.height);
      ctx.clip();
      ctx.font = Math.round(11 * ratio) + 'px system-ui, sans-serif';
      ctx.textBaseline = 'bottom';
      chart.thresholds.forEach(function (t) {
        var y = Math.round(u.valToPos(t.value, 'y', true));
        ctx.strokeStyle = t.upper ? '#d93025' : '#e37400';
        ctx.fillStyle = ctx.strokeStyle;
        ctx.lineWidth = 1.5 * ratio;
        ctx.setLineDash([6 * ratio, 4 * ratio]);
        ctx.beginPath();
        ctx.moveTo(box.left, y);
        ctx.lineTo(box.left + box.width, y);
        ctx.stroke();
        ctx.textAlign = 'left';
        ctx.fillText((t.upper ? 'upper threshold ' : 'lower threshold ') + t.value, box.left + 4 * ratio, y - 3 * ratio);
      });
      ctx.setLineDash([]);
      chart.markers.forEach(function (m) {
        var colour = MARKER_COLOURS[m.kind] || '#202124';
        var x = Math.round(u.valToPos(m.t, 'x', true));
        if (m.until !== undefined) {
          var end = Math.round(u.valToPos(m.until, 'x', true));
          ctx.fillStyle = 'rgba(95, 99, 104, 0.15)';
          ctx.fillRect(x, box.top, Math.max(1, end - x), box.height);
        }
        ctx.strokeStyle = colour;
        ctx.fillStyle = colour;
        ctx.lineWidth = 2 * ratio;
        ctx.beginPath();
        ctx.moveTo(x, box.top);
        ctx.lineTo(x, box.top + box.height);
        ctx.stroke();
        // Near the right edge the label goes to the left of its line.
        var right = x > box.left + box.width - 80 * ratio;
        ctx.textAlign = right ? 'right' : 'left';
        ctx.fillText(m.kind, right ? x - 3 * ratio : x + 3 * ratio, box.top + 14 * ratio);
      });
      ctx.restore();
    };
  }

  function options(chart, width) {
    var series = [{ label: 'time', value: legendTime }];
    if (chart.kind === 'points') {
      series.push({ label: 'sample', stroke: '#1a73e8', width: 1.5, points: { show: true, size: 4 } });
    } else {
      series.push({ label: 'lowest', stroke: 'rgba(26, 115, 232, 0.45)', width: 1 });
      series.push({ label: 'highest', stroke: 'rgba(26, 115, 232, 0.45)', width: 1 });
      series.push({ label: 'mean', stroke: '#1a73e8', width: 1.5 });
    }
    return {
      width: width,
      height: HEIGHT,
      tzDate: utcDate,
      series: series,
      bands: chart.kind === 'points' ? [] : [{ series: [2, 1], fill: 'rgba(26, 115, 232, 0.15)' }],
      scales: {
        x: {
          time: true,
          range: function () {
            return [chart.from, chart.to];
          },
        },
        y: { range: yRange(chart) },
      },
      axes: [{ label: 'time (UTC)', labelSize: 18, values: timeTicks, size: 50 }, {}],
      cursor: { drag: { x: true, y: false } },
      hooks: { draw: [overlays(chart)] },
    };
  }

  function draw(element) {
    if (element.getAttribute('data-drawn') === 'true') return;
    var chart = charts[element.getAttribute('data-chart')];
    if (!chart) return;
    element.setAttribute('data-drawn', 'true');
    var width = Math.max(280, element.clientWidth || 600);
    plots.push({ element: element, plot: new uPlot(options(chart, width), columns(chart), element) });
  }

  var elements = Array.prototype.slice.call(document.querySelectorAll('.chart[data-chart]'));
  if (typeof IntersectionObserver === 'undefined') {
    elements.forEach(draw);
  } else {
    var observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          observer.unobserve(entry.target);
          draw(entry.target);
        });
      },
      { rootMargin: '300px 0px' },
    );
    elements.forEach(function (element) {
      observer.observe(element);
    });
  }

  // A printout holds every chart: the folded stations open, and what was not drawn yet is drawn.
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details.sensor-station, details.more-series').forEach(function (details) {
      details.open = true;
    });
    elements.forEach(draw);
  });

  var resizing;
  window.addEventListener('resize', function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(function () {
      plots.forEach(function (entry) {
        entry.plot.setSize({ width: Math.max(280, entry.element.clientWidth || 600), height: HEIGHT });
      });
    }, 150);
  });
})();
