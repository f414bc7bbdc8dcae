import readline from 'node:readline/promises';
import type { Chapter } from './paths';
import { type Landscape, type StartOptions, startLandscape } from './runner';
import { pc, say, serviceColour } from './ui';

export interface DemoContext {
  chapter: Chapter;
  landscape: Landscape | undefined;
  /** Starts the chapter's landscape (solution code) with its logs shown dimmed. */
  start(options?: Pick<StartOptions, 'replicas'>): Promise<Landscape>;
  /** True in unattended runs (--auto): demos pick shorter variants of slow steps. */
  auto: boolean;
  /** The demo's command-line flags (e.g. --swarm). */
  flags: Set<string>;
  /** Runs the request, printing the curl equivalent, the status and the body. */
  curl(method: string, url: string): Promise<{ status: number; body: unknown }>;
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
}

/**
 * Runs a demo step by step. Interactively each step waits for Enter; with --auto (CI, rehearsals)
 * it runs straight through. Always stops what it started.
 */
export async function runDemo(chapter: Chapter, demo: Demo, auto: boolean, flags = new Set<string>()): Promise<void> {
  const ctx: DemoContext = {
    chapter,
    landscape: undefined,
    auto,
    flags,
    async start(options = {}) {
      ctx.landscape = await startLandscape({
        ...options,
        dir: chapter.solutionDir,
        // Unattended runs (CI, rehearsals) must not collide with a landscape already running.
        ports: auto ? 'free' : 'manifest',
        onOutput: (service, index, line) => console.log(pc.dim(`    ${serviceColour(index)(service)} │ ${line}`)),
      });
      return ctx.landscape;
    },
    curl,
  };
  const rl = auto ? undefined : readline.createInterface({ input: process.stdin, output: process.stdout });
  console.log(pc.bold(`\n${demo.title}\n`));
  const steps = flags.has('--swarm') && demo.swarmSteps ? demo.swarmSteps : demo.steps;
  try {
    for (const [index, step] of steps.entries()) {
      console.log(`${pc.bold(pc.cyan(`[${index + 1}/${steps.length}]`))} ${step.narrate}`);
      if (step.shows) console.log(`  ${pc.green('$')} ${step.shows}`);
      if (rl) await rl.question(pc.dim('  ⏎ Enter to run'));
      await step.run(ctx);
      console.log();
    }
    say.ok('Demo finished.');
  } finally {
    rl?.close();
    if (ctx.landscape) await ctx.landscape.stop();
  }
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
