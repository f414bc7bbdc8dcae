import { type ChildProcess, spawn } from 'node:child_process';
import { waitForHealthy } from '../../scripts/lib/health';
import { freePort } from '../../scripts/lib/ports';
import { DOCUSAURUS_BIN, DOCUSAURUS_ENV, SITE_DIR } from './docusaurus';

export interface ServedSite {
  url: string;
  stop(): Promise<void>;
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    try {
      process.kill(-pid, 'SIGTERM'); // the whole group: docusaurus serve and anything it started
    } catch {
      clearTimeout(force);
      resolve();
    }
  });
}

/** Serves the built site (site/build) on 127.0.0.1 on a free port; resolves once it answers 200. */
export async function serveBuiltSite(onOutput: (line: string) => void = () => {}): Promise<ServedSite> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [DOCUSAURUS_BIN, 'serve', SITE_DIR, '--host', '127.0.0.1', '--port', String(port), '--no-open'],
    { env: DOCUSAURUS_ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = `docusaurus serve exited (${signal ?? code})`));
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8').on('data', (chunk: string) => chunk.split('\n').filter(Boolean).forEach(onOutput));
  }
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopGroup(child);
  try {
    await waitForHealthy(`${url}/`, { timeoutMs: 30_000, abort: () => (exited ? new Error(exited) : undefined) });
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}
