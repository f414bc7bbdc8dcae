// The landscape console's page: draws every snapshot the server pushes (GET /events), and on a
// request's selection fetches its trace and log lines. Plain DOM, no framework, no build step.
'use strict';

const $ = (id) => document.getElementById(id);

/** An element with text content and attributes (never HTML from the data). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('data-')) node.setAttribute(key, String(value));
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children) if (child !== undefined && child !== null) node.append(child);
  return node;
}

function showPanel(id, data) {
  $(id).hidden = data === undefined;
  return data !== undefined;
}

const time = (iso) => new Date(iso).toLocaleTimeString([], { hour12: false });

function drawServices(services) {
  $('services').replaceChildren(
    ...services.map((s) => {
      const state = s.healthy ? 'healthy' : 'unhealthy';
      const why = s.healthy ? '' : s.status ? ` (status ${s.status})` : ' (no answer)';
      const copies =
        s.running !== undefined ? `${s.running}/${s.replicas} running` : s.replicas ? `${s.replicas} replicas` : '';
      return el(
        'li',
        { 'data-service': s.name, 'data-health': state, class: s.healthy ? '' : 'unhealthy-card' },
        el('span', { class: 'name' }, s.name),
        el('span', { class: `badge ${state}` }, state + why),
        copies ? el('span', { class: 'muted' }, ` ${copies}`) : undefined,
        el('span', { class: 'muted' }, ` ${s.url.replace('http://', '')}`),
      );
    }),
  );
}

function drawEdges(edges) {
  if (!showPanel('flows-panel', edges)) return;
  $('edges').replaceChildren(
    ...(edges.length
      ? edges.map((e) =>
          el(
            'li',
            { 'data-edge': `${e.from}->${e.to}` },
            `${e.from} ${e.kind === 'amqp' ? '⇒' : '→'} ${e.to} `,
            el('span', { class: 'muted' }, `${e.kind} `),
            el('span', { class: 'count' }, `×${e.count}`),
          ),
        )
      : [el('li', { class: 'muted' }, 'No traced calls yet: make a request (curl an account).')]),
  );
}

function drawBreakers(breakers) {
  if (!showPanel('breakers-panel', breakers)) return;
  $('breakers').replaceChildren(
    ...breakers.map((b) =>
      el(
        'tr',
        { 'data-breaker': `${b.service}/${b.name}`, 'data-state': b.state },
        el('td', {}, `${b.service} ${b.instance}${b.reachable ? '' : ' (unreachable)'}`),
        el('td', {}, b.name),
        el('td', {}, el('span', { class: `badge ${b.state}` }, b.state)),
        el('td', {}, String(b.successes)),
        el('td', {}, String(b.failures)),
        el('td', {}, String(b.fallbacks)),
      ),
    ),
  );
}

let selected;

function drawRequests(requests) {
  if (!showPanel('requests-panel', requests)) return;
  $('requests').replaceChildren(
    ...requests.map((r) =>
      el(
        'li',
        { 'data-trace': r.traceId },
        el(
          'button',
          { type: 'button', 'aria-expanded': String(selected === r.traceId), onclick: () => openTrace(r.traceId) },
          el('span', {}, time(r.at)),
          el('span', { class: r.error ? 'badge unhealthy' : '' }, r.name),
          el('span', { class: 'muted' }, r.services.join(' → ')),
          el('span', { class: 'took' }, `${r.durationMs} ms`),
        ),
      ),
    ),
  );
}

function logItem(line) {
  return el(
    'li',
    { 'data-req': line.reqId, class: `level-${line.level}` },
    `${time(line.time)} `,
    el('span', { class: 'svc' }, line.service),
    ` ${line.level} `,
    line.msg,
    line.reqId ? el('span', { class: 'muted' }, ` reqId=${line.reqId}`) : undefined,
  );
}

let filtered;

function drawLogs(logs) {
  if (!showPanel('logs-panel', logs) || filtered !== undefined) return;
  const list = $('logs');
  list.replaceChildren(...logs.map(logItem));
  list.scrollTop = list.scrollHeight;
}

async function filterLogs(reqId) {
  filtered = reqId || undefined;
  if (!filtered) return;
  const res = await fetch(`api/logs?reqId=${encodeURIComponent(reqId)}`);
  const body = await res.json();
  const lines = body.lines || [];
  $('logs').replaceChildren(
    ...(res.ok
      ? lines.length
        ? lines.map(logItem)
        : [el('li', { class: 'muted' }, `No line with request id ${reqId} yet.`)]
      : [el('li', {}, body.error.message)]),
  );
}

function drawTable(panel, body, rows, row) {
  if (!showPanel(panel, rows)) return;
  $(body).replaceChildren(...rows.map(row));
}

function drawNotes(notes) {
  $('notes-panel').hidden = notes.length === 0;
  $('notes').replaceChildren(...notes.map((n) => el('li', {}, n)));
}

function draw(snapshot) {
  document.title = `Chapter ${snapshot.chapter} · landscape console`;
  $('title').textContent = `Chapter ${snapshot.chapter}: ${snapshot.title}`;
  const up = snapshot.services.filter((s) => s.healthy).length;
  $('status').textContent =
    `${up} of ${snapshot.services.length} healthy · ${snapshot.mode} mode · updated ${time(snapshot.at)}`;
  drawServices(snapshot.services);
  drawEdges(snapshot.edges);
  drawBreakers(snapshot.breakers);
  drawRequests(snapshot.requests);
  drawLogs(snapshot.logs);
  drawTable('queues-panel', 'queues', snapshot.queues, (q) =>
    el(
      'tr',
      { 'data-queue': q.name },
      el('td', {}, q.name),
      el('td', {}, String(q.messages)),
      el('td', {}, String(q.consumers)),
      el('td', {}, q.inPerSecond ?? '–'),
      el('td', {}, q.outPerSecond ?? '–'),
    ),
  );
  drawTable('config-panel', 'config', snapshot.config, (c) =>
    el(
      'tr',
      { 'data-config': c.service },
      el('td', {}, c.service),
      el('td', {}, c.event),
      el('td', {}, c.version ?? '(none)'),
      el('td', {}, time(c.time)),
      el('td', {}, c.detail),
    ),
  );
  drawNotes(snapshot.notes);
}

/** The spans in tree order (each under its parent), with their depth. */
function inTreeOrder(spans) {
  const ids = new Set(spans.map((s) => s.id));
  const children = new Map();
  for (const s of spans) {
    const parent = s.parentId && ids.has(s.parentId) ? s.parentId : '';
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(s);
  }
  const out = [];
  const visit = (parent, depth) => {
    for (const s of (children.get(parent) || []).sort((a, b) => (a.timestamp || 0) - (b.timestamp || 0))) {
      if (s.tags && s.tags['express.type'] === 'middleware') continue;
      out.push({ span: s, depth });
      visit(s.id, depth + 1);
    }
  };
  visit('', 0);
  return out;
}

async function openTrace(traceId) {
  selected = traceId;
  const res = await fetch(`api/trace/${traceId}`);
  const body = await res.json();
  const detail = $('detail');
  detail.hidden = false;
  detail.dataset.trace = traceId;
  $('detail-heading').textContent = `Request ${traceId.slice(0, 12)}…`;
  const spans = body.spans || [];
  const t0 = Math.min(...spans.map((s) => s.timestamp || 0));
  const total = Math.max(1, Math.max(...spans.map((s) => (s.timestamp || 0) + (s.duration || 0))) - t0);
  $('waterfall').replaceChildren(
    ...inTreeOrder(spans).map(({ span, depth }) => {
      const service = (span.localEndpoint && span.localEndpoint.serviceName) || '?';
      const left = (((span.timestamp || 0) - t0) / total) * 100;
      const width = ((span.duration || 0) / total) * 100;
      return el(
        'li',
        { 'data-span-service': service },
        el(
          'span',
          { class: 'label', title: `${service} ${span.name || ''}` },
          `${'  '.repeat(depth)}${service} · ${span.name || '?'}`,
        ),
        el('span', { class: 'track' }, el('span', { class: 'bar', style: `left:${left}%;width:${width}%` })),
        el('span', { class: 'ms' }, `${((span.duration || 0) / 1000).toFixed(1)} ms`),
      );
    }),
  );
  const logs = body.logs || [];
  $('detail-logs').replaceChildren(
    ...(logs.length ? logs.map(logItem) : [el('li', { class: 'muted' }, 'No log lines for this trace (yet).')]),
  );
  detail.focus();
}

function setTheme(theme) {
  document.documentElement.dataset.theme = theme;
  localStorage.setItem('console-theme', theme);
  const dark = theme === 'dark';
  $('theme').setAttribute('aria-pressed', String(dark));
  $('theme').textContent = dark ? 'Light theme' : 'Dark theme';
}

function connect() {
  const events = new EventSource('events');
  events.addEventListener('snapshot', (event) => draw(JSON.parse(event.data)));
  events.onerror = () => ($('status').textContent = 'connection to the console lost, reconnecting…');
}

setTheme(document.documentElement.dataset.theme);
$('theme').addEventListener('click', () =>
  setTheme(document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark'),
);
$('log-filter').addEventListener('submit', (event) => {
  event.preventDefault();
  void filterLogs($('req-id').value.trim());
});
$('log-filter').addEventListener('reset', () => {
  filtered = undefined;
});
$('close-detail').addEventListener('click', () => {
  $('detail').hidden = true;
  selected = undefined;
});
connect();
