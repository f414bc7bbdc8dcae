import readline from 'node:readline';
import { infoFromLandscape } from '../console/landscape-info';
import { type StartedConsole, startConsole } from '../console/start';
import { stripVTControlCharacters } from 'node:util';
import { readManifest } from './manifest';
import { type Chapter, UsageError } from './paths';
import { pollUntil } from './poll';
import { prettyLine } from './pretty-line';
import { type Landscape, type StartOptions, startLandscape } from './runner';
import { checkServers } from './rabbitmq';
import { pc, say, serviceColour } from './ui';

export interface DemoContext {
  chapter: Chapter;
  landscape: Landscape | undefined;
  /**
   * Starts the chapter's landscape (solution code) with its logs shown dimmed, once its supporting
   * servers answer (else it fails saying how to get them). `env` goes to every service.
   */
  start(options?: Pick<StartOptions, 'replicas' | 'env'>): Promise<Landscape>;
  /** Every line the services printed since start, oldest first (colours removed). */
  output: { service: string; line: string }[];
  /**
   * Resolves with the lines of `service` matching `pattern` among output[since…] once there are
   * `count` of them; take `since = ctx.output.length` before the action that makes them.
   */
  waitForOutput(service: string, pattern: RegExp, options?: WaitForOutputOptions): Promise<string[]>;
  /** True in unattended runs (--auto): demos pick shorter variants of slow steps. */
  auto: boolean;
  /** The demo's command-line flags (e.g. --swarm). */
  flags: Set<string>;
  /** Runs the request, printing the curl equivalent, the status and the body. */
  curl(method: string, url: string): Promise<{ status: number; body: unknown }>;
}

export interface WaitForOutputOptions {
  since?: number;
  count?: number;
  timeoutMs?: number;
}

export interface DemoStep {
  /** What the presenter says before the step. */
  narrate: string;
  /** The command shown on screen (what the audience could type). */
  shows?: string;
  run(ctx: DemoContext): Promise<void>;
}

export interface Demo {
  title: string;
  steps: DemoStep[];
  /** Steps run instead with --swarm (on a Docker engine), where the demo has a Swarm variant. */
  swarmSteps?: DemoStep[];
  /** Runs after the demo, finished or failed, once the landscape is stopped (temporary files, broker objects). */
  cleanup?: (ctx: DemoContext) => Promise<void> | void;
}

export interface DemoStreams {
  /** Where Enter and the answers to a failed step come from (default: the terminal). */
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/**
 * Runs a demo step by step. Interactively each step waits for Enter, and a step that fails offers
 * to retry it, skip it or quit; with --auto (rehearsals, tests) it runs straight through and a
 * failed step ends the demo with one line saying which. Always stops what it started.
 */
export async function runDemo(
  chapter: Chapter,
  demo: Demo,
  auto: boolean,
  flags = new Set<string>(),
  { input = process.stdin, output = process.stdout }: DemoStreams = {},
): Promise<void> {
  // --console: the landscape console beside the demo, for the audience (fed every line the services print).
  let liveConsole: StartedConsole | undefined;
  const ctx: DemoContext = {
    chapter,
    landscape: undefined,
    auto,
    flags,
    async start(options = {}) {
      await checkServers(readManifest(chapter.solutionDir).servers);
      ctx.landscape = await startLandscape({
        ...options,
        dir: chapter.solutionDir,
        // Unattended or scripted runs (rehearsals, tests) must not collide with a landscape already running.
        ports: auto || !(input as { isTTY?: boolean }).isTTY ? 'free' : 'manifest',
        onOutput: (service, index, line) => {
          ctx.output.push({ service, line: stripVTControlCharacters(line) });
          liveConsole?.collector.feedLine(service, stripVTControlCharacters(line));
          console.log(pc.dim(`    ${serviceColour(index)(service)} │ ${prettyLine(line)}`));
        },
      });
      if (flags.has('--console')) {
        const info = infoFromLandscape(ctx.landscape, options.env);
        if (liveConsole) liveConsole.collector.landscape = info;
        else liveConsole = await startConsole(info);
        for (const { service, line } of ctx.output) liveConsole.collector.feedLine(service, line);
      }
      return ctx.landscape;
    },
    output: [],
    waitForOutput: (service, pattern, options) => waitForOutput(ctx.output, service, pattern, options),
    curl,
  };
  const rl = auto ? undefined : promptReader(input, output);
  console.log(pc.bold(`\n${demo.title}\n`));
  const steps = flags.has('--swarm') && demo.swarmSteps ? demo.swarmSteps : demo.steps;
  try {
    for (const [index, step] of steps.entries()) {
      console.log(`${pc.bold(pc.cyan(`[${index + 1}/${steps.length}]`))} ${step.narrate}`);
      if (step.shows) console.log(`  ${pc.green('$')} ${step.shows}`);
      if (rl) await enter(rl);
      await runStep(step, index, ctx, rl);
      console.log();
    }
    say.ok('Demo finished.');
  } finally {
    rl?.close();
    await liveConsole?.close();
    if (ctx.landscape) await ctx.landscape.stop();
    await demo.cleanup?.(ctx);
  }
}

/**
 * The last step of a demo that started a landscape: a graceful stop, every service's exit code
 * printed; the step fails unless all are 0. `after` runs once everything stopped.
 */
export function shutdownStep(narrate: string, after?: (ctx: DemoContext) => Promise<void> | void): DemoStep {
  return {
    narrate,
    shows: 'Ctrl-C',
    run: async (ctx) => {
      const codes = (await ctx.landscape?.stop()) ?? {};
      ctx.landscape = undefined;
      const clean = Object.values(codes).every((code) => code === 0);
      (clean ? say.ok : say.fail)(`exit codes: ${JSON.stringify(codes)}`);
      await after?.(ctx);
      if (!clean) throw new Error('not every service exited with code 0');
    },
  };
}

/**
 * Runs one step. When it fails: unattended, the demo ends with the step's number and reason;
 * interactively the presenter chooses — retry the step, skip it, or quit (what was started is
 * stopped either way).
 */
async function runStep(step: DemoStep, index: number, ctx: DemoContext, rl: PromptReader | undefined) {
  for (;;) {
    try {
      await step.run(ctx);
      return;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const failed = `Step ${index + 1} failed: ${reason}`;
      if (!rl) throw new UsageError(failed);
      say.fail(failed);
      const choice = await ask(rl, pc.dim('  [r]etry, [s]kip, [q]uit? '));
      if (/^s/i.test(choice)) return say.warn(`Step ${index + 1} skipped.`);
      if (/^q/i.test(choice)) throw new UsageError('Demo stopped; what it started is stopped too.');
    }
  }
}

/** Waits for Enter. Ctrl-C (at the prompt, or during the step before) ends the demo with one line, no stack trace. */
async function enter(rl: PromptReader): Promise<void> {
  await ask(rl, pc.dim('  ⏎ Enter to run'));
}

async function ask(rl: PromptReader, prompt: string): Promise<string> {
  const answer = await rl.ask(prompt);
  if (answer === undefined) throw new UsageError('Demo stopped (Ctrl-C); what it started is stopped too.');
  return answer;
}

interface PromptReader {
  /** The next line typed (or piped), or undefined once the input is closed or Ctrl-C was pressed. */
  ask(prompt: string): Promise<string | undefined>;
  close(): void;
}

/**
 * Reads answers line by line. Lines that arrive before their prompt are kept for it, so piped input
 * (a rehearsal script, a test) drives the demo the same way a presenter's keyboard does.
 */
function promptReader(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): PromptReader {
  const terminal = Boolean((input as { isTTY?: boolean }).isTTY);
  const rl = readline.createInterface({ input, output, terminal });
  const queued: string[] = [];
  let waiting: ((line: string | undefined) => void) | undefined;
  let closed = false;
  const deliver = (line: string | undefined) => {
    const resolve = waiting;
    waiting = undefined;
    resolve?.(line);
  };
  rl.on('line', (line) => (waiting ? deliver(line) : queued.push(line)));
  rl.on('SIGINT', () => rl.close());
  rl.on('close', () => {
    closed = true;
    deliver(undefined);
  });
  return {
    ask(prompt) {
      output.write(`${prompt}${terminal ? '' : '\n'}`);
      if (queued.length) return Promise.resolve(queued.shift());
      if (closed) return Promise.resolve(undefined);
      return new Promise((resolve) => (waiting = resolve));
    },
    close: () => rl.close(),
  };
}

const OUTPUT_POLL_MS = 100;

async function waitForOutput(
  output: DemoContext['output'],
  service: string,
  pattern: RegExp,
  { since = 0, count = 1, timeoutMs = 15_000 }: WaitForOutputOptions = {},
): Promise<string[]> {
  let printed = 0;
  return pollUntil(
    () => `${count} line(s) of ${service} matching ${pattern}: it printed ${printed}`,
    () => {
      const lines = output
        .slice(since)
        .filter((o) => o.service === service && pattern.test(o.line))
        .map((o) => o.line);
      printed = lines.length;
      return printed >= count ? lines : undefined;
    },
    { timeoutMs, intervalMs: OUTPUT_POLL_MS },
  );
}

async function curl(method: string, url: string): Promise<{ status: number; body: unknown }> {
  const flag = method === 'GET' ? '' : `-X ${method} `;
  console.log(`  ${pc.green('$')} curl -s ${flag}${url}`);
  const response = await fetch(url, { method });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: show it as it is
  }
  const colour = response.status < 400 ? pc.green : response.status < 500 ? pc.yellow : pc.red;
  console.log(`  ${colour(`HTTP ${response.status}`)} ${typeof body === 'string' ? body : JSON.stringify(body)}`);
  return { status: response.status, body };
}
