import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { loadThroughEdge } from '../../solutions/09-testing/bench/load-accountservice';
import { verifyHttpPact } from '../../solutions/09-testing/test/verify-provider';
import { type TailLine, formatLine } from '../commands/logs';
import { type Demo, type DemoContext, shutdownStep } from '../lib/demo';
import { type SecuredRun, removeSecuredRun, securedRun } from '../lib/demo-setup';
import { REPO_ROOT } from '../lib/paths';
import { pollUntil } from '../lib/poll';
import { LOCAL_HOST } from '../lib/ports';
import { checkServers } from '../lib/rabbitmq';
import type { Landscape } from '../lib/runner';
import { waitForTrace } from '../lib/trace-store';
import { pc, say } from '../lib/ui';
import { type ZipkinSpan, serviceOf, waterfall } from '../lib/waterfall';

const WAIT_MS = 45_000;
const POLL_MS = 200;
/** The client the demo asks for tokens as: a service client (client credentials), like the edge itself. */
const CLIENT = 'edge';
/** goblog's fallback quote is served by the breaker itself. */
const FALLBACK_SERVED_BY = 'circuit-breaker';
/** The services one account read passes through, each of which logs the relayed request id. */
const ON_THE_PATH = ['accountservice', 'quotes-service', 'vipservice'];

/** This run's authserver keys and edge certificate, in a folder of their own (deleted at the end). */
let run: SecuredRun | undefined;
let token: string | undefined;
/** quotes-service after a breaking change: a proxy that renames `quote` on the way out. */
let breakingProxy: http.Server | undefined;

interface Account {
  id: string;
  name: string;
  quote?: { quote: string; ipAddress: string };
  imageData?: { servedBy: string };
}
interface Breaker {
  name: string;
  state: string;
  window: { fires: number; failures: number; timeouts: number; rejects: number };
}
interface Reply {
  status: number;
  body: string;
}

function running(ctx: DemoContext): Landscape {
  if (!ctx.landscape) {
    throw new Error('the landscape is not running: step 1 starts it (run the demo again from the start)');
  }
  return ctx.landscape;
}

const solution = (ctx: DemoContext, ...parts: string[]) => path.join(ctx.chapter.solutionDir, ...parts);
const shown = (file: string) => path.relative(REPO_ROOT, file);
const certFile = () => path.join((run as SecuredRun).dir, 'tls', 'cert.pem');

// ---------------------------------------------------------------- jest, as the learner runs it

interface JestTest {
  title: string;
  status: string;
  duration?: number;
  failureMessages: string[];
}

/** Runs one test file in a jest of its own (the solution's tests), printed as the command it stands for. */
async function jest(file: string, { only, env = {} }: { only?: string; env?: Record<string, string> } = {}) {
  const shownEnv = Object.entries(env).map(([k, v]) => `${k}=${v} `);
  console.log(`  ${pc.green('$')} ${shownEnv.join('')}npx jest ${shown(file)}${only ? ` -t '${only}'` : ''}`);
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'demo-ch09-jest-')), 'report.json');
  const args = [require.resolve('jest/bin/jest'), file, '--maxWorkers=1', '--ci', '--json', '--outputFile', report];
  if (only) args.push('--testNamePattern', only);
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code: number | null = await new Promise((resolve) => child.on('close', resolve));
  if (!fs.existsSync(report)) throw new Error(`jest wrote no report (exit ${code}):\n${output.slice(-3000)}`);
  const json = JSON.parse(fs.readFileSync(report, 'utf8')) as { testResults: { assertionResults: JestTest[] }[] };
  fs.rmSync(path.dirname(report), { recursive: true, force: true });
  const tests = json.testResults.flatMap((r) => r.assertionResults).filter((t) => t.status !== 'pending');
  for (const t of tests) {
    const mark = t.status === 'passed' ? pc.green('✓') : pc.red('✕');
    console.log(`    ${mark} ${t.title}${t.duration === undefined ? '' : pc.dim(` (${t.duration} ms)`)}`);
  }
  return { passed: code === 0, tests };
}

// ---------------------------------------------------------------- pacts

interface PactInteraction {
  description: string;
  providerStates?: { name: string }[];
  request: { method: string; path: string; query?: Record<string, string[]>; headers?: Record<string, string[]> };
  response: {
    status: number;
    body?: { content: unknown };
    matchingRules?: { body?: Record<string, { matchers: { match: string; regex?: string }[] }> };
  };
}

/** What a pact file holds, in a few lines: who, the request, the example answer and its matching rules. */
function showHttpPact(file: string): PactInteraction {
  const pact = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    consumer: { name: string };
    provider: { name: string };
    interactions: PactInteraction[];
  };
  console.log(`  ${pc.green('$')} cat ${shown(file)}`);
  say.info(
    `consumer ${pact.consumer.name} → provider ${pact.provider.name}, ${pact.interactions.length} interaction(s)`,
  );
  const [i] = pact.interactions;
  const query = Object.entries(i.request.query ?? {}).map(([k, v]) => `${k}=${v.join(',')}`);
  const headers = Object.entries(i.request.headers ?? {}).map(([k, v]) => `${k}: ${v.join(', ')}`);
  say.info(`"${i.description}", given "${i.providerStates?.map((s) => s.name).join('", "')}"`);
  say.info(
    `request:  ${i.request.method} ${i.request.path}${query.length ? `?${query.join('&')}` : ''}  (${headers.join('; ')})`,
  );
  say.info(`response: ${i.response.status} ${JSON.stringify(i.response.body?.content)}`);
  for (const [field, rule] of Object.entries(i.response.matchingRules?.body ?? {})) {
    const how = rule.matchers.map((m) => (m.match === 'regex' ? `matches ${m.regex}` : `any ${m.match}`)).join(', ');
    say.info(`  ${field.padEnd(12)} ${how}`);
  }
  return i;
}

/** quotes-service "after a refactoring": the running one behind a proxy that renames `quote` to `text`. */
async function startBreakingProxy(upstream: string): Promise<string> {
  breakingProxy = http.createServer((req, res) => {
    void (async () => {
      try {
        const answer = await fetch(`${upstream}${req.url ?? '/'}`, { headers: { accept: 'application/json' } });
        const body = (await answer.json()) as Record<string, unknown>;
        const { quote, ...rest } = body;
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(quote === undefined ? body : { ...rest, text: quote }));
      } catch (err) {
        res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(err) }));
      }
    })();
  });
  await new Promise<void>((resolve) => breakingProxy?.listen(0, LOCAL_HOST, resolve));
  return `http://${LOCAL_HOST}:${(breakingProxy.address() as AddressInfo).port}`;
}

async function verifyQuotesPact(ctx: DemoContext, baseUrl: string): Promise<void> {
  const pact = solution(ctx, 'pacts', 'accountservice-quotes-service.json');
  console.log(`  ${pc.green('$')} # Pact's Verifier replays ${shown(pact)} at ${baseUrl}`);
  await verifyHttpPact('quotes-service', pact, baseUrl, ['quotes-service is up']);
}

// ---------------------------------------------------------------- the landscape, through the edge

/** A client-credentials token from the authserver, shown as the curl it stands for. */
async function getToken(ctx: DemoContext): Promise<string> {
  const auth = running(ctx).url('authserver');
  const secretFile = path.join((run as SecuredRun).dir, 'keys', `client-secret-${CLIENT}`);
  console.log(
    `  ${pc.green('$')} TOKEN=$(curl -s -u ${CLIENT}:$(cat ${secretFile}) -d grant_type=client_credentials -d scope=accounts:read ${auth}/token | jq -r .access_token)`,
  );
  const secret = fs.readFileSync(secretFile, 'utf8').trim();
  const res = await fetch(`${auth}/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${CLIENT}:${secret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'accounts:read' }),
  });
  const body = (await res.json()) as { access_token?: string; expires_in?: number };
  if (!res.ok || !body.access_token) throw new Error(`no token: HTTP ${res.status} ${JSON.stringify(body)}`);
  say.ok(`token for ${CLIENT}, scope accounts:read, expires in ${body.expires_in} s`);
  return body.access_token;
}

/** GET an account through the edge over HTTPS with the token, trusting only the edge's certificate. */
function readThroughEdge(ctx: DemoContext, id: string, requestId?: string, quiet = false): Promise<Reply> {
  const url = `${running(ctx).url('edge')}/api/accounts/${id}`;
  const headers: Record<string, string> = { Authorization: `Bearer ${token as string}` };
  if (requestId) headers['X-Request-ID'] = requestId;
  if (!quiet) {
    const reqFlag = requestId ? ` -H "X-Request-ID: ${requestId}"` : '';
    console.log(`  ${pc.green('$')} curl -s --cacert ${certFile()} -H "Authorization: Bearer $TOKEN"${reqFlag} ${url}`);
  }
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca: fs.readFileSync(certFile()), headers, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

function accountOf(reply: Reply): Account {
  if (reply.status !== 200) throw new Error(`expected 200 through the edge, got ${reply.status}: ${reply.body}`);
  return JSON.parse(reply.body) as Account;
}

async function breakers(ctx: DemoContext, quiet = false): Promise<Map<string, Breaker>> {
  const url = `${running(ctx).url('accountservice')}/breakers`;
  if (!quiet) console.log(`  ${pc.green('$')} curl -s ${url}`);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  const { breakers: list } = (await res.json()) as { breakers: Breaker[] };
  return new Map(list.map((b) => [b.name, b]));
}

const describeBreaker = (b: Breaker) =>
  `${b.name} ${b.state} (window: ${b.window.fires} calls, ${b.window.failures} failed, ${b.window.timeouts} timed out, ${b.window.rejects} short-circuited)`;

/** Stops one service of the landscape with SIGTERM, as a dependency going away mid-run; resolves once it exited. */
async function stopService(ctx: DemoContext, name: string): Promise<void> {
  const service = running(ctx).services.find((s) => s.spec.name === name);
  if (!service) throw new Error(`the landscape has no ${name}`);
  const child = service.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  console.log(`  ${pc.green('$')} kill -TERM ${child.pid}   # ${name}`);
  child.kill('SIGTERM');
  await exited;
}

/** logtail's lines for a request id, once every service on the path has written one. */
function linesOf(ctx: DemoContext, requestId: string): Promise<TailLine[]> {
  const url = `${running(ctx).url('logtail')}/logs?limit=1000&reqId=${encodeURIComponent(requestId)}`;
  console.log(`  ${pc.green('$')} curl -s '${url}'`);
  let seen: string[] = [];
  return pollUntil(
    () => `a line from each of ${ON_THE_PATH.join(', ')} in logtail (so far: ${seen.join(', ') || 'none'})`,
    async () => {
      const { lines } = (await (await fetch(url)).json()) as { lines: TailLine[] };
      seen = [...new Set(lines.map((l) => l.service))];
      return ON_THE_PATH.every((s) => seen.includes(s)) ? lines : undefined;
    },
    { timeoutMs: WAIT_MS, intervalMs: POLL_MS },
  );
}

const isKind = (span: ZipkinSpan, service: string, kind: ZipkinSpan['kind']) =>
  serviceOf(span) === service && span.kind === kind;

/** The spans the through-the-edge check looks at: each service's part, and the two hand-overs. */
function complete(spans: ZipkinSpan[]): boolean {
  return (
    spans.some((s) => isKind(s, 'accountservice', 'SERVER')) &&
    spans.some((s) => isKind(s, 'quotes-service', 'SERVER')) &&
    spans.some((s) => isKind(s, 'accountservice', 'PRODUCER')) &&
    spans.some((s) => isKind(s, 'vipservice', 'CONSUMER'))
  );
}

// ---------------------------------------------------------------- the load run

async function loadRun(ctx: DemoContext): Promise<void> {
  const seconds = ctx.auto ? 3 : 10;
  const connections = 20;
  const edge = running(ctx).url('edge');
  console.log(
    `  ${pc.green('$')} SECONDS=${seconds} CONNECTIONS=${connections} npx tsx ${shown(solution(ctx, 'bench', 'load-accountservice.ts'))}   # through ${edge}`,
  );
  const { measured, lines } = await loadThroughEdge({
    url: edge,
    authorization: `Bearer ${token as string}`,
    connections,
    seconds,
    ca: fs.readFileSync(certFile()),
  });
  for (const line of lines) console.log(`  ${line.startsWith('met') ? pc.green(line) : pc.yellow(line)}`);
  say.ok(
    `load through the edge: ${measured.requests} requests in ${seconds} s, ${connections} connections, ${measured.errors} errors`,
  );
  const quotes = (await breakers(ctx, true)).get('quotes-service');
  if (quotes) say.info(`accountservice's quotes-service breaker after the load: ${describeBreaker(quotes)}`);
  say.info('a benchmark prints against its objectives; it never fails a build on a busy machine');
}

// ---------------------------------------------------------------- cleanup

async function cleanup(): Promise<void> {
  token = undefined;
  if (breakingProxy) {
    breakingProxy.closeAllConnections();
    await new Promise((resolve) => breakingProxy?.close(resolve));
    breakingProxy = undefined;
  }
  if (run) await removeSecuredRun(run);
  run = undefined;
}

const demo: Demo = {
  title:
    'Chapter 9 — testing: a contract and a provider that breaks it, a shrunk counterexample, one request through the edge in logs, trace and breakers, a load run',
  steps: [
    {
      narrate:
        "Start chapter 8's landscape, unchanged: this chapter adds tests, not services. For the load run later, as the load benchmark does: the edge's rate limit lifted, quotes at strength 0.",
      shows: 'npm run chapter:9',
      run: async (ctx) => {
        await checkServers(['rabbitmq']);
        run = securedRun(9, ctx.auto);
        const env: Record<string, string> = {
          ...run.env,
          // Spans leave every 100 ms, so the trace is complete moments after the request.
          TRACING_EXPORT_DELAY_MS: '100',
          // Quotes cost no CPU, as in the load benchmark: its load measures the way through, not quotes-service's work.
          QUOTES_STRENGTH: '0',
          // A benchmark measures latency, not the edge's limiter (20 req/s per client by default).
          RATE_LIMIT_PER_S: '100000',
          RATE_LIMIT_BURST: '100000',
        };
        // quotes-service runs as one plain process: the pact is verified against it, and a later step
        // stops it for good (SIGTERM); a replica behind the runner's primary is replaced when it exits.
        await ctx.start({ env });
        say.ok(`edge: ${running(ctx).url('edge')} (its certificate: ${certFile()})`);
      },
    },
    {
      narrate:
        "The consumer writes the contract: accountservice's test states what it needs from GET /api/quote and drives its REAL quote client against Pact's mock server. The pact it writes is the one committed.",
      run: async (ctx) => {
        const file = solution(ctx, 'accountservice', 'test', 'quotes.pact.test.ts');
        const { passed } = await jest(file);
        if (!passed) throw new Error('the consumer test failed');
        showHttpPact(solution(ctx, 'pacts', 'accountservice-quotes-service.json'));
        say.ok('consumer test passed: the committed pact is the one it writes');
      },
    },
    {
      narrate:
        'The provider honours it: the pact replayed against the running quotes-service, every field compared with its matching rule.',
      run: async (ctx) => {
        await verifyQuotesPact(ctx, running(ctx).url('quotes-service'));
        say.ok('quotes-service honours accountservice’s pact');
      },
    },
    {
      narrate:
        "Now quotes-service 'renames a field' in a refactoring: quote becomes text. Its own tests would pass; accountservice would silently show the fallback quote. The pact catches it, before it ships.",
      run: async (ctx) => {
        const broken = await startBreakingProxy(running(ctx).url('quotes-service'));
        const sample = (await (await fetch(`${broken}/api/quote?strength=0`)).json()) as Record<string, unknown>;
        say.info(`quotes-service after the change answers: ${JSON.stringify(sample)}`);
        const failure = await verifyQuotesPact(ctx, broken).then(
          () => undefined,
          (err: unknown) => (err instanceof Error ? err.message : String(err)),
        );
        if (failure === undefined) throw new Error('the verification passed although quote was renamed');
        const missing = /missing the following keys: \w+/.exec(stripVTControlCharacters(failure));
        say.ok(`verification failed, as it must: ${missing ? missing[0] : failure.split('\n')[0]}`);
      },
    },
    {
      narrate:
        'A property instead of examples: for every generated configuration, the most specific source wins. Run against a planted bug (the least specific source wins), fast-check finds a failing input and shrinks it to the smallest one. That is also how your tests are judged: they must pass on the real code and fail on the bug.',
      run: async (ctx) => {
        const file = solution(ctx, 'common', 'config', 'test', 'merge.property.test.ts');
        const onBug = await jest(file, {
          only: 'merge-property',
          env: { PLANTED_BUG: 'merge-wrong-precedence' },
        });
        const message = stripVTControlCharacters(onBug.tests.flatMap((t) => t.failureMessages).join('\n'));
        const report = message
          .split('\n')
          .map((line) => line.trim().replace(/^Error: /, ''))
          .filter((line) => /^(Property failed|\{ seed|Counterexample|Shrunk|Expected|Received)/.test(line));
        if (onBug.passed || !report.some((line) => line.startsWith('Counterexample'))) {
          throw new Error('the property did not catch the planted bug');
        }
        for (const line of [...new Set(report)]) console.log(`    ${pc.yellow(line)}`);
        const shrunk = report.find((line) => line.startsWith('Shrunk')) ?? 'not shrunk';
        say.ok(`the property caught the planted bug (${shrunk.toLowerCase()})`);
        const onReal = await jest(file, { only: 'merge-property' });
        if (!onReal.passed) throw new Error('the property fails on the real merge');
        say.ok('and passes on the real merge: the test is accepted');
      },
    },
    {
      narrate:
        'End to end: a token from the authserver, one request through the edge with our own request id. Then ask the landscape what happened: its log lines in logtail, its trace in Zipkin, the breakers.',
      run: async (ctx) => {
        token = await getToken(ctx);
        const requestId = `demo-ch09-${randomBytes(4).toString('hex')}`;
        const account = accountOf(await readThroughEdge(ctx, '10000', requestId));
        say.ok(
          `HTTP 200: account ${account.id} (${account.name}), quote served by ${account.quote?.ipAddress}, image by ${account.imageData?.servedBy}`,
        );
        if (account.quote?.ipAddress === FALLBACK_SERVED_BY)
          throw new Error('the quote is the fallback, not a real one');

        const lines = await linesOf(ctx, requestId);
        const services = [...new Set(lines.map((l) => l.service))];
        for (const line of lines) console.log(`  ${formatLine(line, services)}`);
        say.ok(`logs: ${lines.length} lines with request id ${requestId}, from ${services.join(', ')}`);

        const traceIds = [...new Set(lines.map((l) => l.traceId).filter((t): t is string => Boolean(t)))];
        if (traceIds.length !== 1) throw new Error(`expected one trace id in the lines, found ${traceIds.join(', ')}`);
        const [traceId] = traceIds as [string];
        const zipkin = running(ctx).url('zipkin');
        const spans = await waitForTrace(zipkin, traceId, complete, { timeoutMs: WAIT_MS, intervalMs: POLL_MS });
        console.log(`  ${pc.green('$')} curl -s ${zipkin}/api/v2/trace/${traceId}`);
        for (const line of waterfall(spans)) console.log(`  ${line}`);
        const byId = new Map(spans.map((s) => [s.id, s]));
        const parentOf = (span: ZipkinSpan | undefined) => (span?.parentId ? byId.get(span.parentId) : undefined);
        const quotesServer = spans.find((s) => isKind(s, 'quotes-service', 'SERVER'));
        const vipConsumer = spans.find((s) => isKind(s, 'vipservice', 'CONSUMER'));
        const quoteParent = parentOf(quotesServer);
        const vipParent = parentOf(vipConsumer);
        if (!quoteParent || !isKind(quoteParent, 'accountservice', 'CLIENT'))
          throw new Error("quotes-service's span is not under accountservice's call");
        if (!vipParent || !isKind(vipParent, 'accountservice', 'PRODUCER'))
          throw new Error("vipservice's span is not under accountservice's publish");
        say.ok(
          `trace ${traceId}: ${spans.length} spans; quotes-service under accountservice's call, vipservice under its publish`,
        );
        say.info(`open ${zipkin}/zipkin/#${traceId}`);

        const all = await breakers(ctx);
        for (const b of all.values()) say.info(describeBreaker(b));
        const open = [...all.values()].filter((b) => b.state !== 'closed');
        if (open.length > 0) throw new Error(`not every breaker is closed: ${open.map(describeBreaker).join('; ')}`);
        say.ok(`breakers: ${[...all.keys()].join(', ')} closed`);
      },
    },
    {
      narrate:
        'The load test is a benchmark, not a test: account reads through the edge with the token for a few seconds, the percentiles and errors printed against the objectives the benchmark states.',
      run: loadRun,
    },
    {
      narrate:
        "Stop quotes-service mid-run. Reads through the edge keep answering 200, with goblog's fallback quote, and accountservice's breaker for quotes-service opens: from then on no call even tries.",
      shows: 'docker service scale ch09_quotes-service=0',
      run: async (ctx) => {
        // A read after the breaker's reset timeout closes it again, should the load have opened it.
        await pollUntil(
          'the quotes-service breaker to be closed',
          async () => {
            accountOf(await readThroughEdge(ctx, '10003', undefined, true));
            return (await breakers(ctx, true)).get('quotes-service')?.state === 'closed' ? true : undefined;
          },
          { timeoutMs: WAIT_MS, intervalMs: 500 },
        );
        say.ok('quotes-service breaker: closed');
        await stopService(ctx, 'quotes-service');
        say.warn('quotes-service: stopped');
        let reads = 0;
        let fallbacks = 0;
        await pollUntil(
          () => `the quotes-service breaker to open (${reads} reads so far)`,
          async () => {
            const account = accountOf(await readThroughEdge(ctx, '10001', undefined, reads > 0));
            reads += 1;
            if (account.quote?.ipAddress === FALLBACK_SERVED_BY) fallbacks += 1;
            return (await breakers(ctx, true)).get('quotes-service')?.state === 'open' ? true : undefined;
          },
          { timeoutMs: WAIT_MS, intervalMs: POLL_MS },
        );
        say.ok(
          `${reads} reads through the edge while quotes-service was down: all HTTP 200, ${fallbacks} with the fallback quote`,
        );
        const whileOpen = accountOf(await readThroughEdge(ctx, '10002'));
        if (whileOpen.quote?.ipAddress !== FALLBACK_SERVED_BY)
          throw new Error('a read with the breaker open got no fallback');
        const open = (await breakers(ctx)).get('quotes-service') as Breaker;
        say.ok(`breaker: ${describeBreaker(open)}`);
      },
    },
    shutdownStep('Graceful shutdown: every service, the edge and the authserver exit 0.', cleanup),
  ],
  cleanup: async () => {
    await cleanup().catch((err: Error) => say.warn(`cleanup: ${err.message}`));
  },
};

export default demo;
