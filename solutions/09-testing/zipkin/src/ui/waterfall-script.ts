/**
 * The page's script, run by the browser (kept as text: the repository's TypeScript targets Node).
 * It lists GET /api/v2/traces and draws GET /api/v2/trace/{id} as a waterfall: spans nested by
 * parentId, each bar offset from the trace's start and as wide as its duration; error spans red.
 */
export const WATERFALL_SCRIPT = String.raw`
'use strict';
const api = (path) => fetch(new URL('api/v2/' + path, location.origin + '/')).then((r) => r.ok ? r.json() : null);
const ms = (us) => (us / 1000).toFixed(us < 10000 ? 2 : 0) + ' ms';
const serviceOf = (s) => (s.localEndpoint && s.localEndpoint.serviceName) || 'unknown';
const isError = (s) => !!s.tags && (s.tags.error !== undefined || s.tags['otel.status_code'] === 'ERROR');

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => (k === 'class' ? (node.className = v) : node.setAttribute(k, v)));
  children.forEach((c) => node.append(c));
  return node;
}

function bounds(spans) {
  const starts = spans.filter((s) => s.timestamp !== undefined).map((s) => s.timestamp);
  const start = Math.min(...starts);
  const end = Math.max(...spans.map((s) => (s.timestamp || start) + (s.duration || 0)));
  return { start, total: Math.max(end - start, 1) };
}

/** Depth-first order: each span after its parent; a span whose parent is missing is a root. */
function ordered(spans) {
  const ids = new Set(spans.map((s) => s.id));
  const children = new Map();
  const roots = [];
  for (const s of spans) {
    if (s.parentId && ids.has(s.parentId) && s.parentId !== s.id) {
      if (!children.has(s.parentId)) children.set(s.parentId, []);
      children.get(s.parentId).push(s);
    } else roots.push(s);
  }
  const byStart = (a, b) => (a.timestamp || 0) - (b.timestamp || 0);
  const out = [];
  const seen = new Set();
  const walk = (s, depth) => {
    if (seen.has(s)) return;
    seen.add(s);
    out.push({ span: s, depth });
    (children.get(s.id) || []).sort(byStart).forEach((c) => walk(c, depth + 1));
  };
  roots.sort(byStart).forEach((r) => walk(r, 0));
  return out;
}

async function showTrace(traceId) {
  const spans = await api('trace/' + encodeURIComponent(traceId));
  document.getElementById('recent').hidden = true;
  const section = document.getElementById('trace');
  section.hidden = false;
  const body = section.querySelector('tbody');
  body.replaceChildren();
  if (!spans) {
    document.getElementById('trace-title').textContent = 'Trace ' + traceId + ' not found';
    return;
  }
  const { start, total } = bounds(spans);
  document.getElementById('trace-title').textContent =
    'Trace ' + spans[0].traceId + ': ' + spans.length + ' spans, ' + ms(total);
  for (const { span, depth } of ordered(spans)) {
    const offset = ((span.timestamp || start) - start) / total;
    const width = (span.duration || 0) / total;
    const bar = el('div', { class: 'bar', style: 'left:' + (offset * 100).toFixed(2) + '%;width:' + (width * 100).toFixed(2) + '%' });
    const label = el('td', { class: 'label', style: 'padding-left:' + (8 + depth * 16) + 'px' },
      el('span', { class: 'service' }, serviceOf(span)), span.name || '(unnamed)');
    body.append(el('tr', {
      class: 'span-row' + (isError(span) ? ' error' : ''),
      'data-span-id': span.id, 'data-parent-id': span.parentId || '', 'data-depth': String(depth),
      title: JSON.stringify(span.tags || {}),
    }, label, el('td', {}, el('div', { class: 'lane' }, bar)), el('td', { class: 'duration' }, ms(span.duration || 0))));
  }
}

async function showRecent() {
  document.getElementById('trace').hidden = true;
  document.getElementById('recent').hidden = false;
  const traces = (await api('traces?limit=50')) || [];
  const body = document.querySelector('#traces tbody');
  body.replaceChildren();
  document.getElementById('no-traces').hidden = traces.length > 0;
  for (const spans of traces) {
    const root = ordered(spans)[0].span;
    const { start, total } = bounds(spans);
    const services = [...new Set(spans.map(serviceOf))].sort().join(', ');
    const link = el('a', { href: '#' + root.traceId }, root.name || root.traceId);
    body.append(el('tr', { class: 'trace-row', 'data-trace-id': root.traceId },
      el('td', {}, new Date(start / 1000).toLocaleTimeString()), el('td', {}, link),
      el('td', {}, services), el('td', {}, String(spans.length)), el('td', {}, ms(total))));
  }
}

function route() {
  const traceId = location.hash.slice(1);
  (traceId ? showTrace(traceId) : showRecent()).catch((err) => console.error(err));
}
window.addEventListener('hashchange', route);
route();
`;
