// trainreport explorable charts: draws each chart whose figure carries a
// <script type="application/json" class="explore-data"> block as an inline SVG a reader can hover,
// zoom (drag; double-click or 0 resets), filter (legend buttons) and re-smooth (TensorBoard's
// debiased EMA), by mouse, touch or keyboard. Without script the static picture stays. No library,
// no network request. The data format is written by Sources/Reports/HTML/ExplorableChart.swift.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  // The one palette colour too dark on a dark background (as the static SVG's dark style swaps it).
  var DARK_SWAPS = { "#0072b2": "#5aa9e6" };
  var charts = [];

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) node.setAttribute(k, attrs[k]); }
    if (parent) parent.appendChild(node);
    return node;
  }
  function html(name, attrs, parent, text) {
    var node = document.createElement(name);
    for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) node.setAttribute(k, attrs[k]); }
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  function num(v) {
    if (typeof v === "number") return v;
    if (v === "Infinity") return Infinity;
    if (v === "-Infinity") return -Infinity;
    return NaN;
  }
  function nums(a) {
    var out = new Float64Array(a.length);
    for (var i = 0; i < a.length; i++) out[i] = a[i] === null ? NaN : num(a[i]);
    return out;
  }
  function color(hex) {
    var h = String(hex).toLowerCase();
    return dark && dark.matches && DARK_SWAPS[h] ? DARK_SWAPS[h] : h;
  }

  // Numbers as text: at most 7 significant digits (float precision), exponents for very large or
  // small values, never "-0".
  function fmt(v, digits) {
    if (!isFinite(v)) return isNaN(v) ? "NaN" : (v > 0 ? "Inf" : "-Inf");
    if (v === 0) return "0";
    var a = Math.abs(v);
    if (a >= 1e6 || a < 1e-3) {
      return v.toExponential((digits || 7) - 1).replace(/\.?0+e/, "e").replace("e+", "e");
    }
    return String(Number(v.toPrecision(digits || 7)));
  }
  function fmtInt(v) {
    return Math.round(v).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }
  function fmtTime(s) {
    if (!isFinite(s)) return "";
    s = Math.max(0, Math.round(s));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    if (h > 0) return h + "h " + (m < 10 ? "0" : "") + m + "m";
    if (m > 0) return m + "m " + (sec < 10 ? "0" : "") + sec + "s";
    return sec + "s";
  }
  function fmtX(v, title) {
    if (title === "step" || title === "tokens") return fmtInt(v);
    return fmt(v, 4);
  }
  // Tick labels of a step or token axis reaching 100,000 in SI form (200k, 1.5M), as the static chart.
  function fmtTick(v, title, top) {
    if ((title === "step" || title === "tokens") && Math.abs(top) >= 1e5) {
      var units = [[1e9, "G"], [1e6, "M"], [1e3, "k"]];
      for (var i = 0; i < units.length; i++) {
        if (Math.abs(v) >= units[i][0]) return String(Number((v / units[i][0]).toPrecision(3))) + units[i][1];
      }
      return String(v);
    }
    return fmtX(v, title);
  }

  // First index with xs[i] >= x (xs ascending).
  function lowerBound(xs, x) {
    var lo = 0, hi = xs.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (xs[mid] < x) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
  function nearest(xs, x) {
    if (xs.length === 0) return -1;
    var i = lowerBound(xs, x);
    if (i >= xs.length) return xs.length - 1;
    if (i > 0 && x - xs[i - 1] <= xs[i] - x) return i - 1;
    return i;
  }
  // Linear interpolation in a [[step, value], ...] table.
  function lookup(table, step) {
    if (!table || table.length === 0) return NaN;
    var lo = 0, hi = table.length - 1;
    if (step <= table[0][0]) return table[0][1];
    if (step >= table[hi][0]) return table[hi][1];
    while (hi - lo > 1) {
      var mid = (lo + hi) >> 1;
      if (table[mid][0] <= step) lo = mid; else hi = mid;
    }
    var a = table[lo], b = table[hi];
    return a[1] + (b[1] - a[1]) * (step - a[0]) / (b[0] - a[0]);
  }

  // TensorBoard's smoothing (line_chart_v2 data_transformer): a debiased exponential moving average
  // over the finite points; non-finite points (and those in `gaps`, a divergence) pass through.
  // counts: points each value stands for (an envelope column's mean stands for c points: the
  // average decays by w^c over it, as it would over c equal points).
  function smooth(values, xs, weight, gaps, counts) {
    var out = new Float64Array(values.length);
    if (!(weight > 0)) { out.set(values); return out; }
    var first = values[0], constant = true;
    for (var j = 1; j < values.length; j++) { if (values[j] !== first) { constant = false; break; } }
    if (constant) { out.set(values); return out; }
    var last = 0, seen = 0, g = 0;
    for (var i = 0; i < values.length; i++) {
      var y = values[i], x = xs[i];
      while (g < gaps.length && gaps[g][1] < x) g++;
      var inGap = g < gaps.length && gaps[g][0] <= x && x <= gaps[g][1];
      if (!isFinite(y) || inGap) { out[i] = inGap && isFinite(y) ? NaN : y; continue; }
      var c = counts ? counts[i] : 1;
      var wc = Math.pow(weight, c);
      last = last * wc + (1 - wc) * y;
      seen += c;
      var debias = weight === 1 ? 1 : 1 - Math.pow(weight, seen);
      out[i] = debias > 0 ? last / debias : y;
    }
    return out;
  }

  function prepareSeries(s) {
    var out = { name: s.name, hex: s.color, smooth: s.smooth, gaps: s.gaps || [], markers: s.markers,
                dashed: s.dashed, n: s.n };
    if (s.env) {
      out.env = true;
      out.x = nums(s.env.x);
      out.steps = s.env.s ? nums(s.env.s) : out.x;
      out.lo = nums(s.env.lo);
      out.hi = nums(s.env.hi);
      out.v = nums(s.env.m);
      out.counts = nums(s.env.c);
      out.nf = {};
      for (var i = 0; i < s.env.nf.length; i++) out.nf[s.env.nf[i]] = true;
    } else {
      out.env = false;
      if (s.x) {
        out.x = nums(s.x);
      } else {
        // Evenly spaced: written as start and spacing.
        out.x = new Float64Array(s.v.length);
        for (var j = 0; j < s.v.length; j++) out.x[j] = s.x0 + j * s.dx;
      }
      out.steps = s.s ? nums(s.s) : out.x;
      out.v = nums(s.v);
    }
    return out;
  }

  function niceStep(span, count) {
    var raw = span / Math.max(1, count);
    var p = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10));
    var m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
  }
  function linearTicks(lo, hi, count) {
    var step = niceStep(hi - lo, count), out = [];
    for (var t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
      out.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
    }
    return out;
  }
  function logTicks(lo, hi) {
    var out = [], a = Math.floor(Math.log(lo) / Math.LN10), b = Math.ceil(Math.log(hi) / Math.LN10);
    // At least four labels when the range allows: 1-2-5 over up to three decades, 1-3 over up to six.
    var choices = b - a <= 3 ? [[1, 2, 5], [1, 2, 3, 5, 7]] : b - a <= 6 ? [[1, 3]] : [[1]];
    for (var c = 0; c < choices.length; c++) {
      out = [];
      for (var e = a; e <= b; e++) {
        for (var k = 0; k < choices[c].length; k++) {
          var t = Number((choices[c][k] * Math.pow(10, e)).toPrecision(12));
          if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) out.push(t);
        }
      }
      if (out.length >= 4) break;
    }
    return out;
  }

  function Chart(figure, data, index) {
    this.figure = figure;
    this.id = figure.id || "explore-" + index;
    this.data = data;
    this.panels = data.panels.map(function (p) {
      return { title: p.title, y: p.y, log: p.log, xr: p.xr, yr: p.yr, bands: p.bands, rules: p.rules,
               series: p.series.map(prepareSeries) };
    });
    this.hidden = {};
    this.view = null;
    this.cursor = null;
    var weights = [];
    var reduced = false, reducedPoints = 0, reducedColumns = 0;
    this.panels.forEach(function (p) {
      p.series.forEach(function (s) {
        if (s.smooth !== null && s.smooth !== undefined) {
          weights.push(s.smooth);
          if (s.env) { reduced = true; reducedPoints += s.n; reducedColumns += s.x.length; }
        }
      });
    });
    this.smoothable = weights.length > 0;
    this.weight = weights.length ? Math.max.apply(null, weights) : 0;
    this.reduction = reduced ? { points: reducedPoints, columns: reducedColumns } : null;
    var x0 = Infinity, x1 = -Infinity;
    this.panels.forEach(function (p) { x0 = Math.min(x0, p.xr[0]); x1 = Math.max(x1, p.xr[1]); });
    this.full = [x0, x1];
    this.build();
    this.resmooth();
    this.draw();
  }

  Chart.prototype.names = function () {
    var seen = {}, out = [];
    this.panels.forEach(function (p) {
      p.series.forEach(function (s) {
        if (!seen[s.name]) { seen[s.name] = true; out.push(s); }
      });
    });
    return out;
  };

  Chart.prototype.build = function () {
    var self = this, title = this.data.title;
    var root = html("div", { "class": "explore", role: "group", "aria-label": title + ": explorable chart" });
    var tools = html("div", { "class": "explore-tools" }, root);
    if (this.smoothable) {
      var label = html("label", { "class": "explore-smoothing" }, tools, "Smoothing ");
      this.slider = html("input", { type: "range", min: "0", max: "0.999", step: "0.001", value: String(this.weight),
                                    "aria-describedby": this.id + "-smoothing-note" }, label);
      this.sliderValue = html("output", {}, label, fmt(this.weight, 3));
      var note = "TensorBoard's debiased EMA; raw values drawn faint";
      if (this.reduction) {
        note = "smooths " + fmtInt(this.reduction.columns) + " column means, a reduction of " +
          fmtInt(this.reduction.points) + " points (each weighted by its point count)";
      }
      html("span", { "class": "explore-note", id: this.id + "-smoothing-note" }, tools, note);
      this.slider.addEventListener("input", function () {
        self.weight = Number(self.slider.value);
        self.sliderValue.textContent = fmt(self.weight, 3);
        self.resmooth();
        self.draw();
      });
    }
    this.resetButton = html("button", { type: "button", "class": "explore-reset", disabled: "disabled" }, tools, "Reset zoom");
    this.resetButton.addEventListener("click", function () { self.zoom(null); });

    this.plot = html("div", { "class": "explore-plot", tabindex: "0", role: "application",
                              "aria-label": title + ". Arrow keys move the cursor, + and - zoom, 0 resets.",
                              "aria-describedby": this.id + "-readout" }, root);
    this.svg = el("svg", { "class": "explore-svg", role: "presentation" }, this.plot);
    this.tip = html("div", { "class": "explore-tip", hidden: "hidden" }, this.plot);

    var legend = html("div", { "class": "explore-legend", role: "group", "aria-label": "Series (click to hide or show)" }, root);
    this.legendButtons = this.names().map(function (s) {
      var b = html("button", { type: "button", "aria-pressed": "true", "class": "explore-series" }, legend);
      var sw = html("span", { "class": "explore-swatch" + (s.dashed ? " dashed" : ""), "aria-hidden": "true" }, b);
      b.appendChild(document.createTextNode(s.name));
      b.swatch = sw;
      b.hex = s.hex;
      b.addEventListener("click", function () {
        self.hidden[s.name] = !self.hidden[s.name];
        b.setAttribute("aria-pressed", self.hidden[s.name] ? "false" : "true");
        self.draw();
      });
      return b;
    });
    this.readout = html("p", { "class": "explore-readout", id: this.id + "-readout", "aria-live": "polite" }, root);
    html("p", { "class": "explore-help" }, root,
      "Hover for values · drag to zoom, double-click to reset · legend hides a series · " +
      "keys: arrows move, + / - zoom, 0 resets");
    this.root = root;
    var picture = this.figure.querySelector("picture");
    this.figure.insertBefore(root, picture ? picture.nextSibling : this.figure.firstChild);
    this.figure.classList.add("explorable");
    this.attach();
  };

  Chart.prototype.resmooth = function () {
    var w = this.weight;
    this.panels.forEach(function (p) {
      p.series.forEach(function (s) {
        var weight = s.smooth === null || s.smooth === undefined ? 0 : w;
        s.weight = weight;
        s.sm = weight > 0 ? smooth(s.v, s.x, weight, s.gaps, s.env ? s.counts : null) : null;
      });
    });
  };

  Chart.prototype.xView = function () { return this.view || this.full; };

  // The y range of a panel for the x view: the static chart's fitted range, narrowed to the visible
  // values when zoomed (never widened: a divergence stays off the axis, marked on its edge).
  Chart.prototype.yRange = function (p) {
    var lo = p.yr[0], hi = p.yr[1];
    if (!this.view) return [lo, hi];
    var v = this.view, a = Infinity, b = -Infinity, hidden = this.hidden;
    p.series.forEach(function (s) {
      if (hidden[s.name]) return;
      var i0 = Math.max(0, lowerBound(s.x, v[0]) - 1), i1 = Math.min(s.x.length, lowerBound(s.x, v[1]) + 1);
      var arrays = s.env ? [s.lo, s.hi] : [s.v];
      if (s.sm) arrays.push(s.sm);
      for (var k = 0; k < arrays.length; k++) {
        var arr = arrays[k];
        for (var i = i0; i < i1; i++) {
          var y = arr[i];
          if (isFinite(y) && y >= lo && y <= hi && (!p.log || y > 0)) { if (y < a) a = y; if (y > b) b = y; }
        }
      }
    });
    if (!(a < b)) return [lo, hi];
    if (p.log) return [Math.max(lo, a / 1.1), Math.min(hi, b * 1.1)];
    var pad = (b - a) * 0.05;
    return [Math.max(lo, a - pad), Math.min(hi, b + pad)];
  };

  Chart.prototype.layout = function () {
    var width = Math.max(260, Math.floor(this.plot.clientWidth || 720));
    var n = this.panels.length;
    var cols = n === 1 ? 1 : width < 480 ? 1 : Math.min(3, n);
    var rows = Math.ceil(n / cols);
    var cellH = n === 1 ? (width < 480 ? 260 : 340) : 210;
    return { width: width, height: rows * cellH, cols: cols, cellW: width / cols, cellH: cellH };
  };

  Chart.prototype.draw = function () {
    var self = this, L = this.layout(), svg = this.svg;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute("viewBox", "0 0 " + L.width + " " + L.height);
    svg.setAttribute("width", L.width);
    svg.setAttribute("height", L.height);
    var xv = this.xView();
    this.frames = this.panels.map(function (p, i) {
      var col = i % L.cols, row = Math.floor(i / L.cols);
      var top = row * L.cellH + (p.title ? 22 : 10), left = col * L.cellW + 62;
      var frame = { panel: p, x0: left, x1: col * L.cellW + L.cellW - 14, y0: top, y1: row * L.cellH + L.cellH - 40 };
      frame.xv = xv;
      frame.yv = self.yRange(p);
      self.drawPanel(frame, i, row * L.cellH, col * L.cellW, L.cellW);
      return frame;
    });
    this.legendButtons.forEach(function (b) {
      b.swatch.style.backgroundColor = color(b.hex);
      b.swatch.style.borderColor = color(b.hex);
    });
    this.resetButton.disabled = !this.view;
    this.drawCursor();
  };

  Chart.prototype.px = function (f, x) { return f.x0 + (x - f.xv[0]) / (f.xv[1] - f.xv[0]) * (f.x1 - f.x0); };
  Chart.prototype.py = function (f, y) {
    var lo = f.yv[0], hi = f.yv[1], t;
    if (f.panel.log) t = (Math.log(y) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
    else t = (y - lo) / (hi - lo);
    return f.y1 - t * (f.y1 - f.y0);
  };
  Chart.prototype.xAt = function (f, px) { return f.xv[0] + (px - f.x0) / (f.x1 - f.x0) * (f.xv[1] - f.xv[0]); };

  // A path through the points of [i0, i1), broken at non-finite values and at points outside the
  // plot's y range by more than the frame; at most four points per pixel column.
  Chart.prototype.path = function (f, xs, ys, i0, i1) {
    var d = "", pen = false, col = null, minY = 0, maxY = 0, lastY = 0, firstY = 0, cx = 0;
    var self = this, lim = (f.y1 - f.y0) * 4;
    function flushCol() {
      if (col === null) return;
      d += (pen ? "L" : "M") + cx + " " + firstY;
      pen = true;
      if (maxY !== minY) d += "L" + cx + " " + minY + "L" + cx + " " + maxY;
      if (lastY !== firstY) d += "L" + cx + " " + lastY;
      col = null;
    }
    for (var i = i0; i < i1; i++) {
      var y = ys[i];
      if (!isFinite(y) || (f.panel.log && y <= 0)) { flushCol(); pen = false; continue; }
      var X = self.px(f, xs[i]), Y = self.py(f, y);
      Y = Math.max(f.y0 - lim, Math.min(f.y1 + lim, Y));
      var c = Math.round(X);
      if (c !== col) {
        flushCol();
        col = c; cx = Math.round(X * 10) / 10; firstY = minY = maxY = lastY = Math.round(Y * 10) / 10;
      } else {
        var r = Math.round(Y * 10) / 10;
        if (r < minY) minY = r;
        if (r > maxY) maxY = r;
        lastY = r;
      }
    }
    flushCol();
    return d;
  };

  Chart.prototype.drawPanel = function (f, index, cellTop, cellLeft, cellW) {
    var self = this, p = f.panel, svg = this.svg;
    var g = el("g", { "class": "explore-panel" }, svg);
    if (p.title) {
      var t = el("text", { x: cellLeft + 8, y: cellTop + 14, "class": "explore-panel-title" }, g);
      t.textContent = p.title;
    }
    var clipId = this.id + "-clip-" + index;
    var clip = el("clipPath", { id: clipId }, g);
    el("rect", { x: f.x0, y: f.y0 - 1, width: f.x1 - f.x0, height: f.y1 - f.y0 + 2 }, clip);
    el("rect", { x: f.x0, y: f.y0, width: f.x1 - f.x0, height: f.y1 - f.y0, "class": "explore-bg" }, g);
    // Grid and ticks.
    var yt = p.log ? logTicks(f.yv[0], f.yv[1]) : linearTicks(f.yv[0], f.yv[1], (f.y1 - f.y0) < 150 ? 3 : 5);
    if (yt.length < 2 && p.log) yt = linearTicks(f.yv[0], f.yv[1], 4);
    yt.forEach(function (t) {
      var y = self.py(f, t);
      el("line", { x1: f.x0, x2: f.x1, y1: y, y2: y, "class": "explore-grid" }, g);
      var label = el("text", { x: f.x0 - 5, y: y + 3.5, "class": "explore-tick", "text-anchor": "end" }, g);
      label.textContent = fmt(t, 4);
    });
    // As many x ticks as their labels leave room for.
    var top = Math.max(Math.abs(f.xv[0]), Math.abs(f.xv[1]));
    var xt = [], wanted = Math.max(2, Math.floor((f.x1 - f.x0) / 70));
    for (; wanted >= 2; wanted--) {
      xt = linearTicks(f.xv[0], f.xv[1], wanted);
      var widest = Math.max.apply(null, xt.map(function (t) { return fmtTick(t, self.data.x, top).length; }).concat([1]));
      if (xt.length * (widest * 6.5 + 14) <= f.x1 - f.x0) break;
    }
    xt.forEach(function (t) {
      var x = self.px(f, t), text = fmtTick(t, self.data.x, top), half = text.length * 3.2;
      el("line", { x1: x, x2: x, y1: f.y0, y2: f.y1, "class": "explore-grid" }, g);
      // A label at the right end of the plot would be cut by the chart's edge: it ends at the tick instead.
      var anchor = x + half > cellLeft + cellW - 2 ? "end" : "middle";
      var label = el("text", { x: anchor === "end" ? x + 3 : x, y: f.y1 + 14, "class": "explore-tick", "text-anchor": anchor }, g);
      label.textContent = text;
    });
    var xTitle = el("text", { x: (f.x0 + f.x1) / 2, y: f.y1 + 30, "class": "explore-axis-title", "text-anchor": "middle" }, g);
    xTitle.textContent = this.data.x;
    var yTitle = el("text", { x: 0, y: 0, "class": "explore-axis-title", "text-anchor": "middle",
                              transform: "translate(" + (cellLeft + 12) + " " + ((f.y0 + f.y1) / 2) + ") rotate(-90)" }, g);
    yTitle.textContent = p.y;
    el("rect", { x: f.x0, y: f.y0, width: f.x1 - f.x0, height: f.y1 - f.y0, "class": "explore-frame" }, g);

    var body = el("g", { "clip-path": "url(#" + clipId + ")" }, g);
    // Band labels: from the band's left edge, pulled left to stay inside the plot, one line lower
    // when they would run into a label already placed.
    var rows = [];
    (p.bands || []).forEach(function (b) {
      var a = Math.max(f.x0, self.px(f, b.x[0])), z = Math.min(f.x1, self.px(f, b.x[1]));
      if (z < f.x0 || a > f.x1) return;
      el("rect", { x: a, y: f.y0, width: Math.max(1.5, z - a), height: f.y1 - f.y0, fill: color(b.color),
                   "fill-opacity": b.opacity, "class": "explore-band" }, body);
      if (!b.label) return;
      var lt = el("text", { x: 0, y: 0, "class": "explore-band-label" }, body);
      lt.textContent = b.label;
      var width = lt.getComputedTextLength ? lt.getComputedTextLength() : b.label.length * 6;
      var x = Math.max(f.x0 + 3, Math.min(a + 3, f.x1 - 3 - width));
      var row = 0;
      while (rows.some(function (r) { return r.row === row && x < r.end + 6 && x + width > r.start - 6; })) row++;
      rows.push({ row: row, start: x, end: x + width });
      lt.setAttribute("x", x);
      lt.setAttribute("y", f.y0 + 12 + row * 13);
    });
    (p.rules || []).forEach(function (r) {
      if (r.axis === "y") {
        if (r.at < f.yv[0] || r.at > f.yv[1]) return;
        var y = self.py(f, r.at);
        el("line", { x1: f.x0, x2: f.x1, y1: y, y2: y, "class": "explore-rule" }, body);
      } else {
        var x = self.px(f, r.at);
        el("line", { x1: x, x2: x, y1: f.y0, y2: f.y1, "class": "explore-rule" }, body);
      }
      if (r.label) {
        var ry = self.py(f, r.at);
        var rt = el("text", { x: r.axis === "y" ? f.x1 - 4 : self.px(f, r.at) + 3,
                              y: r.axis === "y" ? (ry - 14 < f.y0 ? ry + 12 : ry - 3) : f.y1 - 4,
                              "text-anchor": r.axis === "y" ? "end" : "start", "class": "explore-band-label" }, body);
        rt.textContent = r.label;
      }
    });
    var edges = el("g", {}, g);
    p.series.forEach(function (s) {
      if (self.hidden[s.name]) return;
      var c = color(s.hex);
      var i0 = Math.max(0, lowerBound(s.x, f.xv[0]) - 1), i1 = Math.min(s.x.length, lowerBound(s.x, f.xv[1]) + 1);
      var smoothed = s.sm !== null;
      if (s.env) {
        var top = "", bottom = [];
        for (var i = i0; i < i1; i++) {
          if (!isFinite(s.lo[i])) continue;
          var X = Math.round(self.px(f, s.x[i]) * 10) / 10;
          var clampY = function (v) { return Math.max(f.y0 - 2, Math.min(f.y1 + 2, self.py(f, p.log ? Math.max(v, f.yv[0]) : v))); };
          top += (top ? "L" : "M") + X + " " + clampY(s.hi[i]).toFixed(1);
          bottom.push("L" + X + " " + clampY(s.lo[i]).toFixed(1));
        }
        if (top) {
          el("path", { d: top + bottom.reverse().join("") + "Z", fill: c, "fill-opacity": smoothed ? 0.22 : 0.3,
                       stroke: c, "stroke-opacity": 0.35, "stroke-width": 0.6, "class": "explore-envelope" }, body);
        }
      }
      var raw = self.path(f, s.x, s.v, i0, i1);
      el("path", { d: raw, fill: "none", stroke: c, "stroke-width": smoothed ? 1 : 1.7,
                   "stroke-opacity": smoothed ? (s.env ? 0.5 : 0.3) : 1, "stroke-dasharray": s.dashed ? "5 3" : "none",
                   "stroke-linejoin": "round", "class": "explore-line" }, body);
      if (smoothed) {
        el("path", { d: self.path(f, s.x, s.sm, i0, i1), fill: "none", stroke: c, "stroke-width": 1.9,
                     "stroke-linejoin": "round", "class": "explore-smoothed" }, body);
      }
      if (s.markers && i1 - i0 <= 400) {
        for (var k = i0; k < i1; k++) {
          if (!isFinite(s.v[k]) || (p.log && s.v[k] <= 0)) continue;
          var cy = self.py(f, s.v[k]);
          if (cy < f.y0 || cy > f.y1) continue;
          el("circle", { cx: self.px(f, s.x[k]), cy: cy, r: 2.6, fill: c, "class": "explore-marker" }, body);
        }
      }
      // Values off the axis or not finite: triangles on the edge they cross, one per pixel column.
      var marked = {};
      for (var m = i0; m < i1; m++) {
        var v = s.env ? s.hi[m] : s.v[m], lowV = s.env ? s.lo[m] : s.v[m];
        // Non-finite values inside a shaded band are what the band says; only isolated ones get a marker.
        var nonFinite = (s.env ? !!s.nf[m] : !isFinite(v)) && !inBand(p, s.x[m]);
        var above = isFinite(v) && v > f.yv[1];
        var below = isFinite(lowV) && (lowV < f.yv[0] || (p.log && lowV <= 0)) && !above;
        if (!nonFinite && !above && !below) continue;
        var X2 = self.px(f, s.x[m]);
        if (X2 < f.x0 - 0.5 || X2 > f.x1 + 0.5) continue;
        var key = Math.round(X2 / 3) + (below ? "b" : nonFinite ? "n" : "a");
        if (marked[key]) continue;
        marked[key] = true;
        var y0 = below ? f.y1 : f.y0;
        var dy = below ? -6 : 6;
        el("path", { d: "M" + (X2 - 3.5) + " " + (y0 + (below ? 0 : 0)) + "L" + (X2 + 3.5) + " " + y0 + "L" + X2 + " " + (y0 + dy) + "Z",
                     fill: nonFinite ? "#d55e00" : c, "class": nonFinite ? "explore-nonfinite" : "explore-offscale" }, edges);
      }
    });
  };

  function inBand(p, x) {
    var bands = p.bands || [];
    for (var i = 0; i < bands.length; i++) { if (bands[i].x[0] <= x && x <= bands[i].x[1]) return true; }
    return false;
  }

  // The series the cursor steps through: the longest visible one of the first panel.
  Chart.prototype.anchor = function () {
    var best = null, hidden = this.hidden;
    this.panels.forEach(function (p) {
      p.series.forEach(function (s) {
        if (!hidden[s.name] && (!best || s.x.length > best.x.length)) best = s;
      });
    });
    return best;
  };

  Chart.prototype.describe = function (x) {
    var self = this, lines = [], anchor = this.anchor();
    if (!anchor) return { head: "", rows: [] };
    var ai = nearest(anchor.x, x);
    var step = anchor.steps[ai];
    var head = this.data.x === "step" ? "step " + fmtInt(step) : this.data.x + " " + fmtX(anchor.x[ai], this.data.x) + " · step " + fmtInt(step);
    if (anchor.env) head = "around " + head;
    var epoch = lookup(this.data.epoch, step);
    if (isFinite(epoch) && this.data.x !== "epoch") head += " · epoch " + fmt(epoch, 3);
    var time = lookup(this.data.time, step);
    if (isFinite(time) && this.data.x.indexOf("time") < 0) head += " · " + fmtTime(time);
    this.panels.forEach(function (p) {
      p.series.forEach(function (s) {
        if (self.hidden[s.name] || s.x.length === 0) return;
        var i = nearest(s.x, x), text;
        if (s.env) {
          text = isFinite(s.lo[i]) ? "range " + fmt(s.lo[i]) + "–" + fmt(s.hi[i]) + " (mean " + fmt(s.v[i], 5) + " of " + fmtInt(s.counts[i]) + " points)" : "NaN/Inf";
          if (s.nf[i] && isFinite(s.lo[i])) text += ", NaN/Inf among them";
        } else {
          text = fmt(s.v[i]);
        }
        if (s.sm && isFinite(s.sm[i])) text += "; smoothed " + fmt(s.sm[i], 5);
        if (s.steps[i] !== step) text += " (at step " + fmtInt(s.steps[i]) + ")";
        var name = p.title && self.panels.length > 1 && p.title.indexOf(s.name) !== 0 ? p.title + ": " + s.name : s.name;
        lines.push({ name: name, text: text, color: color(s.hex), x: s.x[i], y: s.sm && isFinite(s.sm[i]) ? s.sm[i] : s.v[i], panel: p, index: i });
      });
    });
    return { head: head, rows: lines, x: anchor.x[ai] };
  };

  Chart.prototype.drawCursor = function () {
    var old = this.svg.querySelector(".explore-cursor-layer");
    if (old) old.parentNode.removeChild(old);
    if (this.cursor === null) { this.tip.hidden = true; return; }
    var info = this.describe(this.cursor), self = this;
    if (!info.rows.length) { this.tip.hidden = true; return; }
    var layer = el("g", { "class": "explore-cursor-layer" }, this.svg);
    var tipX = 0;
    this.frames.forEach(function (f) {
      var X = self.px(f, info.x);
      if (X < f.x0 || X > f.x1) return;
      tipX = X;
      el("line", { x1: X, x2: X, y1: f.y0, y2: f.y1, "class": "explore-cursor" }, layer);
      info.rows.forEach(function (r) {
        if (r.panel !== f.panel || !isFinite(r.y)) return;
        var Y = self.py(f, r.y);
        if (Y < f.y0 || Y > f.y1) return;
        el("circle", { cx: self.px(f, r.x), cy: Y, r: 3.5, fill: r.color, "class": "explore-dot" }, layer);
      });
    });
    var tip = this.tip;
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    html("div", { "class": "explore-tip-head" }, tip, info.head);
    info.rows.forEach(function (r) {
      var row = html("div", { "class": "explore-tip-row" }, tip);
      var sw = html("span", { "class": "explore-swatch", "aria-hidden": "true" }, row);
      sw.style.backgroundColor = r.color;
      html("span", { "class": "explore-tip-name" }, row, r.name + ": ");
      row.appendChild(document.createTextNode(r.text));
    });
    tip.hidden = false;
    var width = this.plot.clientWidth;
    var left = tipX + 14;
    if (left + tip.offsetWidth > width) left = Math.max(0, tipX - 14 - tip.offsetWidth);
    tip.style.left = left + "px";
    tip.style.top = "8px";
    this.readout.textContent = info.head + ". " + info.rows.map(function (r) { return r.name + ": " + r.text; }).join(". ") + ".";
  };

  Chart.prototype.frameAt = function (px, py) {
    for (var i = 0; i < this.frames.length; i++) {
      var f = this.frames[i];
      if (px >= f.x0 - 8 && px <= f.x1 + 8 && py >= f.y0 - 20 && py <= f.y1 + 20) return f;
    }
    return null;
  };

  Chart.prototype.zoom = function (range) {
    if (range) {
      var span = this.full[1] - this.full[0];
      var a = Math.max(this.full[0], Math.min(range[0], range[1])), b = Math.min(this.full[1], Math.max(range[0], range[1]));
      if (b - a < span * 1e-6) return;
      this.view = a <= this.full[0] && b >= this.full[1] ? null : [a, b];
    } else {
      this.view = null;
    }
    this.draw();
    var v = this.xView();
    this.readout.textContent = (this.view ? "Zoomed to " : "Whole run: ") + this.data.x + " " + fmtX(v[0], this.data.x) + " to " + fmtX(v[1], this.data.x) + ".";
  };

  Chart.prototype.step = function (delta) {
    var anchor = this.anchor();
    if (!anchor || anchor.x.length === 0) return;
    var v = this.xView();
    var i;
    if (this.cursor === null) {
      i = delta > 0 ? lowerBound(anchor.x, v[0]) : lowerBound(anchor.x, v[1]) - 1;
    } else {
      i = nearest(anchor.x, this.cursor) + delta;
    }
    i = Math.max(0, Math.min(anchor.x.length - 1, i));
    this.cursor = anchor.x[i];
    if (this.cursor < v[0] || this.cursor > v[1]) {
      var half = (v[1] - v[0]) / 2;
      this.zoom([this.cursor - half, this.cursor + half]);
    }
    this.drawCursor();
  };

  Chart.prototype.attach = function () {
    var self = this, plot = this.plot, drag = null, sel = null;
    function local(e) {
      var r = self.svg.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    }
    plot.addEventListener("pointermove", function (e) {
      var p = local(e), f = self.frameAt(p.x, p.y);
      if (drag) {
        var a = Math.max(drag.f.x0, Math.min(drag.x, p.x)), b = Math.min(drag.f.x1, Math.max(drag.x, p.x));
        if (!sel) sel = el("rect", { "class": "explore-selection" }, self.svg);
        sel.setAttribute("x", a); sel.setAttribute("width", Math.max(0, b - a));
        sel.setAttribute("y", drag.f.y0); sel.setAttribute("height", drag.f.y1 - drag.f.y0);
      }
      if (!f) return;
      self.cursor = self.xAt(f, Math.max(f.x0, Math.min(f.x1, p.x)));
      self.drawCursor();
    });
    plot.addEventListener("pointerleave", function (e) {
      // A tap ends with the finger leaving: its tooltip stays until the next tap.
      if (drag || e.pointerType === "touch") return;
      self.cursor = null;
      self.drawCursor();
    });
    plot.addEventListener("pointerdown", function (e) {
      if (e.button !== 0) return;
      var p = local(e), f = self.frameAt(p.x, p.y);
      if (!f) return;
      drag = { x: p.x, f: f };
      if (plot.setPointerCapture) { try { plot.setPointerCapture(e.pointerId); } catch (err) { /* not capturable */ } }
    });
    plot.addEventListener("pointerup", function (e) {
      if (!drag) return;
      var p = local(e), f = drag.f;
      if (sel) { sel.parentNode.removeChild(sel); sel = null; }
      var d = drag;
      drag = null;
      if (Math.abs(p.x - d.x) > 5) {
        var a = self.xAt(f, Math.max(f.x0, Math.min(f.x1, d.x))), b = self.xAt(f, Math.max(f.x0, Math.min(f.x1, p.x)));
        self.zoom([a, b]);
      } else {
        // A click or tap puts the cursor there (a touch screen has no hover).
        self.cursor = self.xAt(f, Math.max(f.x0, Math.min(f.x1, p.x)));
        self.drawCursor();
      }
    });
    plot.addEventListener("dblclick", function (e) {
      e.preventDefault();
      self.zoom(null);
    });
    plot.addEventListener("keydown", function (e) {
      var v = self.xView(), span = v[1] - v[0], c = self.cursor === null ? (v[0] + v[1]) / 2 : self.cursor;
      var handled = true;
      switch (e.key) {
        case "ArrowRight": self.step(e.shiftKey ? 10 : 1); break;
        case "ArrowLeft": self.step(e.shiftKey ? -10 : -1); break;
        case "Home": self.cursor = null; self.step(1); break;
        case "End": self.cursor = null; self.step(-1); break;
        case "+": case "=": self.zoom([c - span / 4, c + span / 4]); break;
        case "-": case "_": self.zoom([c - span, c + span]); break;
        case "0": case "Escape": self.zoom(null); break;
        default: handled = false;
      }
      if (handled) e.preventDefault();
    });
    plot.addEventListener("blur", function () {
      self.cursor = null;
      self.drawCursor();
    });
  };

  function start() {
    var blocks = document.querySelectorAll("script.explore-data");
    for (var i = 0; i < blocks.length; i++) {
      var figure = blocks[i].parentNode;
      try {
        charts.push(new Chart(figure, JSON.parse(blocks[i].textContent), i));
      } catch (err) {
        // The static picture stays; say why in the console for whoever debugs the page.
        if (window.console) window.console.error("trainreport chart " + i + ": " + err);
        figure.classList.remove("explorable");
        var left = figure.querySelector(".explore");
        if (left) left.parentNode.removeChild(left);
      }
    }
    var width = window.innerWidth;
    window.addEventListener("resize", function () {
      if (window.innerWidth === width) return;
      width = window.innerWidth;
      charts.forEach(function (c) { c.draw(); });
    });
    if (dark) {
      var redraw = function () { charts.forEach(function (c) { c.draw(); }); };
      if (dark.addEventListener) dark.addEventListener("change", redraw); else if (dark.addListener) dark.addListener(redraw);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
