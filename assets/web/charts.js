// The dashboard's charts, as hand-written SVG (no library): arrivals per bin as vertical bars, and
// registered against attended as horizontal bars. Each chart is drawn at its container's width in
// pixels (so that its text is never stretched) and drawn again when that width changes.
import { svg, number, percent } from './app.js';

const drawn = new WeakMap(); // container → {draw, width}
const observer =
  typeof ResizeObserver === 'function'
    ? new ResizeObserver((entries) => {
        for (const entry of entries) {
          const state = drawn.get(entry.target);
          const width = Math.floor(entry.contentRect.width);
          if (state && width > 0 && Math.abs(width - state.width) >= 2) {
            state.width = width;
            state.draw(width);
          }
        }
      })
    : null;

function render(container, draw) {
  const state = drawn.get(container);
  const width = Math.max(240, Math.floor(container.clientWidth || 320));
  if (state) {
    state.draw = draw;
    state.width = width;
  } else {
    drawn.set(container, { draw, width });
    if (observer) observer.observe(container);
  }
  draw(width);
}

// A "nice" top of the scale at or above `max`, and its step, for about `ticks` grid lines.
function scale(max, ticks = 4) {
  if (max <= 0) return { top: ticks, step: 1 };
  const rough = max / ticks;
  const magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
  const step = Math.max(1, Math.round([1, 2, 5, 10].map((f) => f * magnitude).find((s) => s >= rough)));
  return { top: Math.ceil(max / step) * step, step };
}

// Arrivals per bin: bins [{start: "HH:MM", count}], one bar each.
export function arrivalsChart(container, bins, { binMinutes = 15, height = 220 } = {}) {
  const summary = bins.length
    ? `First arrivals per ${binMinutes} minutes: ` + bins.map((b) => `${b.start} ${b.count}`).join(', ')
    : 'No arrivals yet today';
  render(container, (width) => {
    const pad = { left: 40, right: 8, top: 12, bottom: 28 };
    const plotW = width - pad.left - pad.right;
    const plotH = height - pad.top - pad.bottom;
    const max = bins.reduce((m, b) => Math.max(m, b.count), 0);
    const { top, step } = scale(max);
    const root = svg('svg', {
      class: 'chart',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': summary,
    });
    root.append(svg('title', null, summary));
    for (let v = 0; v <= top; v += step) {
      const y = pad.top + plotH - (v / top) * plotH;
      root.append(svg('line', { class: 'grid', x1: pad.left, x2: width - pad.right, y1: y, y2: y }));
      root.append(svg('text', { class: 'axis', x: pad.left - 6, y: y + 4, 'text-anchor': 'end' }, number(v)));
    }
    if (!bins.length) {
      root.append(svg('text', { class: 'empty', x: pad.left + plotW / 2, y: pad.top + plotH / 2, 'text-anchor': 'middle' }, 'No arrivals yet'));
      container.replaceChildren(root);
      return;
    }
    const slot = plotW / bins.length;
    const barW = Math.max(2, Math.min(48, slot * 0.78));
    // Time labels: about one per 64 px, on whole hours when the bins allow.
    const every = Math.max(1, Math.ceil(64 / slot));
    bins.forEach((bin, i) => {
      const h = (bin.count / top) * plotH;
      const x = pad.left + i * slot + (slot - barW) / 2;
      const bar = svg('rect', { class: 'bar', x: x.toFixed(1), y: (pad.top + plotH - h).toFixed(1), width: barW.toFixed(1), height: Math.max(0, h).toFixed(1) });
      bar.append(svg('title', null, `${bin.start}: ${number(bin.count)}`));
      root.append(bar);
      if (bin.count > 0 && barW >= 18 && h >= 16) {
        root.append(svg('text', { class: 'value', x: (x + barW / 2).toFixed(1), y: (pad.top + plotH - h + 13).toFixed(1), 'text-anchor': 'middle' }, number(bin.count)));
      }
      if (i % every === 0) {
        root.append(svg('text', { class: 'axis', x: (pad.left + i * slot + slot / 2).toFixed(1), y: height - 8, 'text-anchor': 'middle' }, bin.start));
      }
    });
    root.append(svg('line', { class: 'baseline', x1: pad.left, x2: width - pad.right, y1: pad.top + plotH, y2: pad.top + plotH }));
    container.replaceChildren(root);
  });
}

// Registered against attended: rows [{label, registered, attended}], one bar each: the registered
// count as the light bar, the attended count drawn over it in the strong colour.
export function pairBars(container, rows, { title = '' } = {}) {
  const summary = rows.length
    ? `${title}: ` + rows.map((r) => `${r.label} ${r.attended} attended of ${r.registered} registered`).join('; ')
    : `${title}: nobody yet`;
  render(container, (width) => {
    const rowH = 38;
    const barH = 12;
    const height = Math.max(rowH, rows.length * rowH) + 4;
    const root = svg('svg', { class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': summary });
    root.append(svg('title', null, summary));
    if (!rows.length) {
      root.append(svg('text', { class: 'empty', x: 0, y: 22 }, 'Nobody yet'));
      container.replaceChildren(root);
      return;
    }
    const max = rows.reduce((m, r) => Math.max(m, r.registered, r.attended), 0) || 1;
    const barMax = width - 2;
    rows.forEach((row, i) => {
      const y = i * rowH;
      const figures = `${number(row.attended)} / ${number(row.registered)}  ${percent(row.attended, row.registered)}`;
      // The label, cut to what the room left of the figures allows (about 7.5 px a character).
      const room = Math.max(6, Math.floor((width - figures.length * 7.6 - 12) / 7.6));
      const label = row.label.length > room ? row.label.slice(0, room - 1) + '…' : row.label;
      const labelText = svg('text', { class: 'label', x: 0, y: y + 15 }, label);
      if (label !== row.label) labelText.append(svg('title', null, row.label));
      root.append(labelText);
      root.append(svg('text', { class: 'figure', x: width - 1, y: y + 15, 'text-anchor': 'end' }, figures));
      const wReg = (row.registered / max) * barMax;
      const wAtt = (row.attended / max) * barMax;
      root.append(svg('rect', { class: 'registered', x: 1, y: y + 21, width: Math.max(1, wReg).toFixed(1), height: barH, rx: 2 }));
      if (row.attended > 0) root.append(svg('rect', { class: 'attended', x: 1, y: y + 21, width: Math.max(2, wAtt).toFixed(1), height: barH, rx: 2 }));
    });
    container.replaceChildren(root);
  });
}

// A thin progress bar: part of whole (checked in of expected).
export function progressBar(container, part, whole, label) {
  render(container, (width) => {
    const height = 14;
    const share = whole > 0 ? Math.min(1, part / whole) : 0;
    const root = svg('svg', { class: 'progress', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label });
    root.append(svg('rect', { class: 'track', x: 0, y: 0, width, height, rx: 7 }));
    if (share > 0) root.append(svg('rect', { class: 'done', x: 0, y: 0, width: Math.max(height, share * width).toFixed(1), height, rx: 7 }));
    container.replaceChildren(root);
  });
}
