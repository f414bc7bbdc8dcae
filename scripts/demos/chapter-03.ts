import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { type Demo, type DemoContext, shutdownStep } from '../lib/demo';
import { resolveEnv } from '../lib/manifest';
import { REPO_ROOT, relative } from '../lib/paths';
import { freePort } from '../lib/ports';
import type { Landscape, RunningService } from '../lib/runner';
import { pc, say } from '../lib/ui';

interface SpringEnvironment {
  name: string;
  profiles: string[];
  label: string | null;
  version: string | null;
  propertySources: { name: string; source: Record<string, unknown> }[];
}

interface AccountBody {
  servedBy?: string;
  quote?: { ipAddress: string; language: string };
}

const REFUSAL_TIMEOUT_MS = 30_000;

/** The private copy of config-repo/ the demo's configserver serves (the committed files stay untouched). */
let repoCopy: string | undefined;

function removeRepoCopy(): void {
  if (repoCopy) fs.rmSync(repoCopy, { recursive: true, force: true });
  repoCopy = undefined;
}

function copyOfRepo(): string {
  if (!repoCopy) throw new Error('the config-repo copy was not made (step 1 did not run)');
  return repoCopy;
}

function running(ctx: DemoContext): Landscape {
  if (!ctx.landscape) throw new Error('the landscape is not running');
  return ctx.landscape;
}

function service(ctx: DemoContext, name: string): RunningService {
  return running(ctx).services.find((s) => s.spec.name === name) as RunningService;
}

/** Rewrites a file of the copy, printing the command a presenter could type and the lines it changed. */
function edit(file: string, command: string, change: (text: string) => string): void {
  const before = fs.readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`${path.basename(file)}: the edit changed nothing`);
  fs.writeFileSync(file, after);
  console.log(`  ${pc.green('$')} ${command}`);
  const [was, is] = [before.split('\n'), after.split('\n')];
  for (const line of was.filter((l) => !is.includes(l))) console.log(pc.red(`  - ${line}`));
  for (const line of is.filter((l) => !was.includes(l))) console.log(pc.green(`  + ${line}`));
}

/** GET an account through ctx.curl; returns the language of its quote. */
async function quoteLanguage(ctx: DemoContext, id: string): Promise<string | undefined> {
  const { body } = await ctx.curl('GET', `${running(ctx).url('accountservice')}/accounts/${id}`);
  return (body as AccountBody).quote?.language;
}

/** Prints Spring's Environment JSON abbreviated: one line per property source, most specific first. */
function printEnvironment(env: SpringEnvironment): void {
  const head = { name: env.name, profiles: env.profiles, label: env.label, version: env.version };
  console.log(`  ${JSON.stringify(head)}`);
  console.log(`  propertySources (most specific first):`);
  for (const [index, source] of env.propertySources.entries()) {
    console.log(`    ${index + 1}. ${pc.cyan(source.name)}`);
    const entries = Object.entries(source.source).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
    console.log(pc.dim(`       ${entries.join(', ')}`));
  }
}

/**
 * Starts one more quotes-service against the running configserver, as a new instance being
 * deployed would; resolves to its exit code and output (it is expected to refuse to start).
 */
async function startFreshQuotesService(ctx: DemoContext): Promise<{ code: number | null; output: string[] }> {
  const landscape = running(ctx);
  const spec = service(ctx, 'quotes-service').spec;
  const ports = new Map(landscape.services.map((s) => [s.spec.name, s.port]));
  const env = { ...resolveEnv(spec.env, ports), HOST: '127.0.0.1', PORT: String(await freePort()) };
  const entry = relative(path.join(ctx.chapter.solutionDir, spec.entry));
  const vars = Object.entries(env).map(([key, value]) => `${key}=${value}`);
  console.log(`  ${pc.green('$')} ${vars.join(' ')} npx tsx ${entry}`);
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      console.log(`    ${pc.yellow('quotes-service (new)')} │ ${line}`);
    });
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), REFUSAL_TIMEOUT_MS);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, output };
}

const demo: Demo = {
  title: 'Chapter 3 — centralized configuration over the Spring Cloud Config protocol',
  steps: [
    {
      narrate:
        'Start the landscape, configserver first, serving a private copy of config-repo/ (edit it live too: its path is printed). Each service fetches its configuration at start and logs the sources it loaded.',
      shows:
        'COPY=$(mktemp -d) && cp -r solutions/03-config/config-repo/. "$COPY" && CONFIG_REPO_DIR="$COPY" npm run chapter:3',
      run: async (ctx) => {
        repoCopy = fs.mkdtempSync(path.join(os.tmpdir(), 'config-repo-'));
        process.once('exit', removeRepoCopy); // also after a failed step
        fs.cpSync(path.join(ctx.chapter.solutionDir, 'config-repo'), repoCopy, { recursive: true });
        say.info(`private copy of config-repo: ${repoCopy}`);
        await ctx.start({ env: { CONFIG_REPO_DIR: repoCopy } });
        for (const { spec, recentOutput } of running(ctx).services) {
          for (const line of recentOutput.filter((l) => l.includes('config: loaded'))) {
            say.ok(`${spec.name}: ${line}`);
          }
        }
      },
    },
    {
      narrate:
        'What accountservice fetched: the Spring Environment JSON for profile dev. Most specific source first; nested YAML flattened to dotted keys, lists as key[0].',
      run: async (ctx) => {
        const url = `${running(ctx).url('configserver')}/accountservice/dev`;
        console.log(`  ${pc.green('$')} curl -s ${url} | jq`);
        const response = await fetch(url);
        if (!response.ok) throw new Error(`configserver answered HTTP ${response.status}`);
        printEnvironment((await response.json()) as SpringEnvironment);
      },
    },
    {
      narrate: 'Read an account: its quote is tagged with quotes.language from quotes-service.yml.',
      run: async (ctx) => {
        const language = await quoteLanguage(ctx, '10000');
        say.info(`quote.language: ${language} (quotes-service pid ${service(ctx, 'quotes-service').process.pid})`);
      },
    },
    {
      narrate:
        'Change quotes.language in the copy, then ask quotes-service to refresh: it re-fetches, applies the live key and says what changed. No restart.',
      run: async (ctx) => {
        const quotes = service(ctx, 'quotes-service');
        const file = path.join(copyOfRepo(), 'quotes-service.yml');
        edit(file, `sed -i 's/language: en/language: sv/' ${file}`, (text) =>
          text.replace('language: en', 'language: sv'),
        );
        await ctx.curl('POST', `${quotes.url}/actuator/refresh`);
        const language = await quoteLanguage(ctx, '10001');
        if (language !== 'sv') throw new Error(`the quote is still in "${language}" after the refresh`);
        if (quotes.process.exitCode !== null) throw new Error('quotes-service exited');
        say.ok(`quote.language: ${language}, from the same quotes-service process (pid ${quotes.process.pid})`);
      },
    },
    {
      narrate:
        'Not every key can change live: db.path opens the store at start. accountservice reports it as needing a restart and keeps its in-memory store.',
      run: async (ctx) => {
        const file = path.join(copyOfRepo(), 'accountservice-dev.yml');
        edit(
          file,
          `printf 'db:\\n  path: ./accounts.db\\n' >> ${file}`,
          (text) => `${text}db:\n  path: ./accounts.db\n`,
        );
        await ctx.curl('POST', `${running(ctx).url('accountservice')}/actuator/refresh`);
        await ctx.curl('GET', `${running(ctx).url('accountservice')}/accounts/10002`);
      },
    },
    {
      narrate:
        'Break a value. A new quotes-service instance refuses to start and names the key, the value and the file; the running one refuses the refresh (422) and keeps its language.',
      run: async (ctx) => {
        const file = path.join(copyOfRepo(), 'quotes-service.yml');
        edit(file, `sed -i 's/language: sv/language: 42x/' ${file}`, (text) =>
          text.replace('language: sv', 'language: 42x'),
        );
        const { code, output } = await startFreshQuotesService(ctx);
        const reason = output.find((line) => line.includes('quotes.language ='));
        if (code === 0 || !reason)
          throw new Error(`the new quotes-service did not refuse to start (exit code ${code})`);
        say.ok(`refused to start (exit code ${code}): ${reason.trim()}`);

        const quotes = service(ctx, 'quotes-service').url;
        const refresh = await ctx.curl('POST', `${quotes}/actuator/refresh`);
        if (refresh.status !== 422) throw new Error(`the refresh answered HTTP ${refresh.status}, not 422`);
        const { body } = await ctx.curl('GET', `${quotes}/api/quote?strength=0`);
        say.ok(`the running quotes-service still answers in "${(body as { language?: string }).language}"`);
      },
    },
    shutdownStep('Graceful shutdown: every service exits 0. The private copy of config-repo is removed.', () => {
      const copy = copyOfRepo();
      removeRepoCopy();
      say.info(`removed ${copy}`);
    }),
  ],
  // A demo that stopped early (a failed step, quit, Ctrl-C) removes its private copy too.
  cleanup: removeRepoCopy,
};

export default demo;
