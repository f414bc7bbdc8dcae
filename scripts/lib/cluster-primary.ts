/**
 * Local mode's stand-in for a Swarm service with several replicas: a node:cluster primary that
 * runs REPLICAS copies of one service entry (argv[2]) behind one port. The primary accepts each
 * connection and hands it to the next worker in turn (SCHED_RR), which is what Swarm's VIP does
 * with connections; each worker gets INSTANCE=<n> so its answers say which replica served them.
 *
 * Talks to the runner over IPC: sends { type: 'ready', replicas } once every replica listens;
 * accepts { type: 'scale', replicas }. SIGTERM/SIGINT stops every replica gracefully and exits
 * with the worst exit code. A replica that dies after it was up is replaced (like Swarm's
 * restart policy); one that dies before it ever listened stops the whole service.
 */
import cluster, { type Worker } from 'node:cluster';
import readline from 'node:readline';

export interface ReadyMessage {
  type: 'ready';
  replicas: number;
}
export interface ScaleMessage {
  type: 'scale';
  replicas: number;
}

const MAX_RESTARTS = 10;

function runPrimary(entry: string, initial: number): void {
  cluster.schedulingPolicy = cluster.SCHED_RR;
  cluster.setupPrimary({ exec: entry, silent: true });

  const workers = new Map<number, { worker: Worker; listening: boolean; retiring: boolean }>();
  let target = 0;
  let stopping = false;
  let restarts = 0;
  const codes: number[] = [];

  const say = (line: string) => console.log(`[cluster] ${line}`);

  function fork(id: number): void {
    const worker = cluster.fork({ INSTANCE: String(id) });
    const entry = { worker, listening: false, retiring: false };
    workers.set(id, entry);
    for (const stream of [worker.process.stdout, worker.process.stderr]) {
      if (stream) readline.createInterface({ input: stream }).on('line', (line) => console.log(`#${id} ${line}`));
    }
    worker.on('listening', () => {
      entry.listening = true;
      reportIfReady();
    });
    worker.on('exit', (code, signal) => {
      workers.delete(id);
      const exitCode = code ?? (signal ? 1 : 0);
      // The primary's own exit code reports how the replicas stopped when asked to, or why it gave up;
      // a crash that was replaced only shows in the log.
      if (stopping || entry.retiring) {
        codes.push(exitCode);
        return;
      }
      if (!entry.listening) {
        codes.push(exitCode || 1);
        say(`replica #${id} exited (code ${code ?? signal}) before it listened: stopping`);
        void stopAll();
      } else if (restarts++ < MAX_RESTARTS) {
        say(`replica #${id} exited (code ${code ?? signal}): starting a replacement`);
        fork(id);
      } else {
        codes.push(exitCode || 1);
        say(`replica #${id} exited and ${MAX_RESTARTS} replacements were used up: stopping`);
        void stopAll();
      }
    });
  }

  function reportIfReady(): void {
    const up = [...workers.values()].filter((w) => w.listening && !w.retiring).length;
    if (up === target && workers.size === target) {
      say(`${target} replica(s) listening`);
      process.send?.({ type: 'ready', replicas: target } satisfies ReadyMessage);
    }
  }

  async function scaleTo(replicas: number): Promise<void> {
    target = replicas;
    for (let id = 1; id <= replicas; id++) if (!workers.has(id)) fork(id);
    const extra = [...workers.entries()].filter(([id]) => id > replicas);
    await Promise.all(extra.map(([, w]) => retire(w)));
    reportIfReady();
  }

  function retire(entry: { worker: Worker; retiring: boolean }): Promise<void> {
    entry.retiring = true;
    return new Promise((resolve) => {
      if (entry.worker.isDead()) return resolve();
      entry.worker.once('exit', () => resolve());
      entry.worker.process.kill('SIGTERM');
    });
  }

  async function stopAll(): Promise<void> {
    if (stopping) return;
    stopping = true;
    await Promise.all([...workers.values()].map((w) => retire(w)));
    process.exit(Math.max(0, ...codes));
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stopAll());
  // The runner went away (its IPC channel closed): do not leave replicas behind.
  process.on('disconnect', () => void stopAll());
  process.on('message', (message: ScaleMessage) => {
    // 0 is allowed here (not at start): like `docker service scale NAME=0`, the service stays defined.
    if (message?.type === 'scale' && Number.isInteger(message.replicas) && message.replicas >= 0) {
      say(`scaling to ${message.replicas} replica(s)`);
      void scaleTo(message.replicas);
    }
  });
  void scaleTo(initial);
}

if (require.main === module) {
  const [entry] = process.argv.slice(2);
  const replicas = Number(process.env.REPLICAS ?? '1');
  if (!entry || !Number.isInteger(replicas) || replicas < 1) {
    console.error('usage: REPLICAS=N node --import tsx cluster-primary.ts <service entry>');
    process.exit(2);
  }
  runPrimary(entry, replicas);
}
