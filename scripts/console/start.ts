import { isPortFree } from '../lib/ports';
import { pc, say } from '../lib/ui';
import { Collector, type CollectorOptions } from './collector';
import type { LandscapeInfo } from './landscape-info';
import { type RunningConsole, serveConsole } from './server';

/** The console's usual port; when it is taken the console takes any free one and says so. */
export const CONSOLE_PORT = 7070;

export interface StartedConsole extends RunningConsole {
  collector: Collector;
}

/** Starts collecting from `info` and serves the page; prints its URL. */
export async function startConsole(
  info: LandscapeInfo,
  options: CollectorOptions & { port?: number } = {},
): Promise<StartedConsole> {
  const wanted = options.port ?? CONSOLE_PORT;
  const port = wanted === 0 || (await isPortFree(wanted)) ? wanted : 0;
  if (port !== wanted) say.warn(`Port ${wanted} is in use: the console takes a free port instead.`);
  const collector = new Collector(info, options);
  const running = await serveConsole(collector, port);
  console.log(`  ${pc.bold('console'.padEnd(16))} ${pc.cyan(running.url)}`);
  return { ...running, collector };
}
