import { WATERFALL_SCRIPT } from './waterfall-script';

const STYLE = `
  body { font: 14px system-ui, sans-serif; margin: 1.5rem; color: #222; }
  h1 { font-size: 1.3rem; } h2 { font-size: 1.1rem; }
  table { border-collapse: collapse; width: 100%; }
  td, th { padding: 4px 8px; border-bottom: 1px solid #eee; text-align: left; }
  a { color: #0b63c5; cursor: pointer; }
  .span-row .label { white-space: nowrap; width: 32%; }
  .span-row .service { color: #555; font-weight: 600; margin-right: .4rem; }
  .lane { position: relative; height: 18px; background: #f5f7fa; }
  .bar { position: absolute; top: 2px; height: 14px; background: #4a90d9; min-width: 2px; border-radius: 2px; }
  .span-row.error .bar { background: #d0342c; }
  .span-row.error .label { color: #b0201a; }
  .duration { white-space: nowrap; color: #555; width: 7rem; text-align: right; }
  .empty { color: #777; }
`;

/**
 * The trace page (GET / or /zipkin/): recent traces, and one trace as a waterfall when the URL
 * ends with #<traceId>. Plain HTML and one small script that reads this server's own v2 API.
 */
export function renderPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Zipkin (embedded)</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Traces <small class="empty">embedded Zipkin, v2 API at /api/v2</small></h1>
<section id="trace" hidden>
  <h2 id="trace-title"></h2>
  <table id="waterfall"><tbody></tbody></table>
  <p><a id="back" href="#">← recent traces</a></p>
</section>
<section id="recent">
  <table id="traces"><thead><tr><th>started</th><th>root span</th><th>services</th><th>spans</th><th>duration</th></tr></thead><tbody></tbody></table>
  <p id="no-traces" class="empty" hidden>No traces yet: make a request to a traced service.</p>
</section>
<script>${WATERFALL_SCRIPT}</script>
</body>
</html>`;
}
