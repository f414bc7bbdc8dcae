import type { RequestHandler } from 'express';

/**
 * GET /: the dashboard view (the Hystrix dashboard's role): one card per instance, one row per
 * breaker, redrawn from every event of GET /breakers/stream. Plain DOM, no framework, no build.
 */
export const pageHandler: RequestHandler = (_req, res) => {
  res.type('html').send(PAGE);
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Breakers</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 2rem; background: #fafafa; color: #222; }
  h1 { font-size: 1.3rem; }
  #instances { display: flex; flex-wrap: wrap; gap: 1rem; }
  .instance { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .8rem 1rem; min-width: 22rem; }
  .instance.unreachable { opacity: .5; }
  .instance h2 { font-size: 1rem; margin: 0 0 .5rem; }
  table { border-collapse: collapse; width: 100%; }
  td, th { text-align: left; padding: .2rem .4rem; }
  .state { font-weight: bold; border-radius: 4px; padding: 0 .4rem; color: #fff; }
  .closed { background: #2e7d32; } .open { background: #c62828; } .half-open { background: #ef6c00; }
  #status { color: #666; }
</style>
</head>
<body>
<h1>Circuit breakers, every instance</h1>
<p id="status">connecting…</p>
<div id="instances"></div>
<script>
const status = document.getElementById('status');
const root = document.getElementById('instances');
function cell(text, className) {
  const td = document.createElement('td');
  const span = document.createElement('span');
  span.textContent = text;
  if (className) span.className = className;
  td.append(span);
  return td;
}
function draw(view) {
  status.textContent = view.instances.length + ' instance(s), updated ' + new Date(view.at).toLocaleTimeString();
  root.replaceChildren(...view.instances.map((instance) => {
    const card = document.createElement('section');
    card.className = 'instance' + (instance.reachable ? '' : ' unreachable');
    card.dataset.instance = instance.service + '/' + instance.instance;
    const title = document.createElement('h2');
    title.textContent = instance.service + ' ' + instance.instance;
    const table = document.createElement('table');
    table.innerHTML = '<tr><th>breaker</th><th>state</th><th>in flight</th><th>ok</th><th>failed</th><th>timeouts</th><th>rejected</th><th>fallbacks</th></tr>';
    for (const b of instance.breakers) {
      const row = document.createElement('tr');
      row.append(cell(b.name), cell(b.state, 'state ' + b.state), cell(b.inFlight + '/' + b.capacity),
        cell(b.window.successes), cell(b.window.failures), cell(b.window.timeouts),
        cell(b.window.rejects + b.window.semaphoreRejections), cell(b.window.fallbacks));
      table.append(row);
    }
    card.append(title, table);
    return card;
  }));
}
const stream = new EventSource('breakers/stream');
stream.addEventListener('breakers', (event) => draw(JSON.parse(event.data)));
stream.onerror = () => { status.textContent = 'stream lost, reconnecting…'; };
</script>
</body>
</html>
`;
