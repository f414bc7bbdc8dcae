import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { resultsFile } from '../commands/footprint';
import { swarmCommand } from '../commands/swarm';
import { engineAnswers } from '../lib/docker';
import type { Demo, DemoContext, DemoStep } from '../lib/demo';
import { pollUntil } from '../lib/poll';
import { chart } from '../footprint/chart';
import { type FootprintReport, IDLE_ONLY, runFootprint } from '../footprint/run';
import { table } from '../footprint/table';
import { pc, say } from '../lib/ui';

interface Account {
  quote?: { ipAddress: string };
}

/** Asks for `count` accounts at once (like curl in parallel) and prints how many each instance quoted. */
async function quotesFrom(base: string, count: number): Promise<Set<string>> {
  console.log(
    `  ${pc.green('$')} seq 10001 ${10000 + count} | xargs -P ${count} -I{} sh -c 'curl -s ${base}/accounts/{} | jq -r .quote.ipAddress' | sort | uniq -c`,
  );
  const answers = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const response = await fetch(`${base}/accounts/${10001 + i}`, { headers: { connection: 'close' } });
      return ((await response.json()) as Account).quote?.ipAddress ?? '(no quote)';
    }),
  );
  const tally = new Map<string, number>();
  for (const ip of answers) tally.set(ip, (tally.get(ip) ?? 0) + 1);
  for (const [ip, n] of [...tally].sort()) console.log(`  ${String(n).padStart(6)} ${pc.cyan(ip)}`);
  const seen = new Set(answers);
  say.info(`${seen.size} distinct quotes-service instance(s)`);
  return seen;
}

/** Bursts of 24 calls the scaling step may need before every replica has answered one. */
const MAX_BURSTS = 3;

const accountsUrl = (ctx: DemoContext) => ctx.landscape?.url('accountservice') ?? '';

const footprintSteps: DemoStep[] = [
  {
    narrate:
      'The talk’s first question: what does one service cost? The committed figures (full run, medians) beside goblog’s published Go and Spring Boot ones.',
    shows: 'cat scripts/footprint/results/chapter-02.json',
    run: async (ctx) => {
      const file = resultsFile(ctx.chapter);
      if (!fs.existsSync(file)) return say.warn(`No committed figures yet: run npm run footprint`);
      const report = JSON.parse(fs.readFileSync(file, 'utf8')) as FootprintReport;
      console.log(table(report));
      for (const p of report.published) {
        console.log(
          pc.dim(`  published: ${p.name}: ${p.idleMiB ?? '–'} MiB after start, ${p.at1kMiB ?? '–'} MiB at 1K req/s`),
        );
      }
    },
  },
  {
    narrate:
      'Measure it live, production bundles against bare node:http and Express hello world: start-up (spawn to first 200) and memory after start, with the compile cache the image carries and without it. (The load phases take minutes: npm run footprint, after the talk.)',
    shows: 'npm run footprint -- --idle',
    run: async (ctx) => {
      // Live, attended or not: start-up and idle memory only, which take seconds; never the load phases.
      const report = await runFootprint(ctx.chapter, IDLE_ONLY, {
        bundled: () => undefined,
        measuring: () => undefined,
        measured: (_round, target, s) =>
          say.info(
            `${target}: started in ${s.startupMs[0].toFixed(0)} ms from its compile cache` +
              (s.coldStartupMs === undefined ? '' : `, ${s.coldStartupMs[0].toFixed(0)} ms without it`),
          ),
      });
      console.log(table(report));
      if (!chart(report).startsWith('<svg')) throw new Error('the chart did not render');
    },
  },
];

const localSteps: DemoStep[] = [
  {
    narrate: 'Load balancing without Docker: start the landscape with ONE quotes-service replica behind its port.',
    shows: 'npm run chapter:2 -- --replicas quotes-service=1',
    run: async (ctx) => void (await ctx.start({ replicas: { 'quotes-service': 1 } })),
  },
  {
    narrate: 'Every account carries a quote; quote.ipAddress names the instance that served it. One replica, one name.',
    run: async (ctx) => void (await quotesFrom(accountsUrl(ctx), 4)),
  },
  {
    narrate:
      'Scale quotes-service from 1 to 3 (in Swarm: docker service scale). Locally a node:cluster primary forks two more replicas on the same port.',
    shows: 'docker service scale ch02_quotes-service=3',
    run: async (ctx) => {
      await ctx.landscape?.scale('quotes-service', 3);
      say.ok('quotes-service: 3 replicas listening');
    },
  },
  {
    narrate:
      'Ask again, 24 at once: accountservice keeps its connections to replica #1 alive, so only calls that overlap open new ones, and the primary deals those round robin: quote.ipAddress now names more than one replica. In Swarm the client sees every replica (tasks.quotes-service) and takes them in turn itself.',
    run: async (ctx) => {
      // How many calls overlap is up to timing: on a busy machine one burst may open only one new
      // connection. Each burst leaves its new connections in the pool, so asking again spreads further.
      const seen = new Set<string>();
      for (let burst = 1; burst <= MAX_BURSTS && seen.size < 3; burst++) {
        if (burst > 1) say.info('Few calls overlapped, so few new connections were opened: asking again.');
        for (const ip of await quotesFrom(accountsUrl(ctx), 24)) seen.add(ip);
      }
      if (seen.size < 2) throw new Error('the quotes did not spread over the replicas');
      say.ok(`${seen.size} distinct quotes-service instance(s) in all`);
    },
  },
  {
    narrate: 'Graceful shutdown: every replica finishes its requests and exits 0.',
    shows: 'Ctrl-C',
    run: async (ctx) => {
      const codes = await ctx.landscape?.stop();
      ctx.landscape = undefined;
      say.ok(`exit codes: ${JSON.stringify(codes)}`);
    },
  },
];

/** Runs a `swarm` subcommand of the workshop CLI (it prints each docker command); dry-run without an engine. */
async function swarm(ctx: DemoContext, sub: string, args: string[] = []): Promise<void> {
  const live = engineAnswers();
  if (!live) say.warn('No Docker engine answers here: showing the commands only.');
  const flags = new Set(live ? [] : ['--dry-run']);
  const code = await swarmCommand(sub, { chapter: ctx.chapter, args, flags, withFiles: [] });
  if (code !== 0) throw new Error(`swarm ${sub} failed (exit code ${code})`);
}

/** Polls `docker service ls` until every service of the stack runs all its replicas (bounded). */
async function converged(stack: string): Promise<void> {
  if (!engineAnswers()) return;
  let pending: string[] = [];
  const lines = await pollUntil(
    () => `${stack} to converge: ${pending.join(', ') || 'no services yet'}`,
    () => {
      const ls = spawnSync(
        'docker',
        ['service', 'ls', '--filter', `name=${stack}_`, '--format', '{{.Name}} {{.Replicas}}'],
        {
          encoding: 'utf8',
        },
      );
      const listed = ls.stdout.trim().split('\n').filter(Boolean);
      pending = listed.filter((line) => {
        const [running, wanted] = line.split(' ')[1].split('/');
        return running !== wanted.split(' ')[0];
      });
      return listed.length && pending.length === 0 ? listed : undefined;
    },
    { timeoutMs: 180_000, intervalMs: 1000 },
  );
  say.ok(`converged: ${lines.join(', ')}`);
}

/** The stack this demo deployed and has not removed yet: the cleanup removes it, whichever step failed. */
let deployedStack = false;

const swarmSteps: DemoStep[] = [
  {
    narrate: 'Build the images: each service is bundled into one JavaScript file, then wrapped in a small image.',
    shows: 'npm run swarm -- build 2',
    run: (ctx) => swarm(ctx, 'build'),
  },
  {
    narrate: 'Deploy the stack: an overlay network, 2 accountservice replicas, 1 quotes-service, health checks.',
    shows: 'npm run swarm -- deploy 2',
    run: async (ctx) => {
      deployedStack = engineAnswers();
      await swarm(ctx, 'deploy');
      await converged('ch02');
    },
  },
  {
    narrate: 'One replica of quotes-service: every quote names the same container IP.',
    run: async () => void (engineAnswers() ? await quotesFrom('http://127.0.0.1:6767', 4) : undefined),
  },
  {
    narrate: 'Scale quotes-service to 3. Swarm starts two containers; the VIP spreads new connections over them.',
    shows: 'npm run swarm -- scale 2 quotes-service=3',
    run: async (ctx) => {
      await swarm(ctx, 'scale', ['quotes-service=3']);
      await converged('ch02');
    },
  },
  {
    narrate: 'Ask again: quote.ipAddress rotates over the three containers.',
    run: async () => void (engineAnswers() ? await quotesFrom('http://127.0.0.1:6767', 6) : undefined),
  },
  {
    narrate: 'Remove the stack.',
    shows: 'npm run swarm -- rm 2',
    run: async (ctx) => {
      await swarm(ctx, 'rm');
      deployedStack = false;
    },
  },
];

const demo: Demo = {
  title: 'Chapter 2 — Footprint @ Docker Swarm, then load balancing and fast scaling',
  steps: [...footprintSteps, ...localSteps],
  swarmSteps: [...footprintSteps, ...swarmSteps],
  cleanup: async (ctx) => {
    if (!deployedStack) return;
    say.warn('The demo stopped before removing the stack: removing it now.');
    deployedStack = false;
    await swarm(ctx, 'rm').catch((err: Error) => say.fail(`${err.message}: remove it with npm run swarm -- rm 2`));
  },
};

export default demo;
