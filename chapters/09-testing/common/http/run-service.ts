import type { RunningServer } from './server';

export interface RunOptions {
  /** The errors that mean "fix your configuration": printed as their message alone, no stack. */
  isConfigError: (err: unknown) => boolean;
  /** What a stop waits for, as the log says it ("in-flight requests and messages"). */
  finishing?: string;
}

/**
 * Runs a service's start-up; once it listens, SIGTERM/SIGINT stop it gracefully (exit 0, or 1 if
 * requests had to be cut). A start-up that fails ends the process with one clear line and exit 1.
 */
export function runService(
  service: string,
  start: () => Promise<RunningServer>,
  { isConfigError, finishing = 'in-flight requests' }: RunOptions,
): void {
  start().then(
    (running) => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.once(signal, async () => {
          console.log(`${service} received ${signal}: finishing ${finishing}`);
          const code = await running.shutdown();
          console.log(`${service} stopped`);
          process.exit(code);
        });
      }
    },
    (err: unknown) => {
      if (isConfigError(err)) {
        console.error(`${service}: ${(err as Error).message}`);
      } else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        console.error(`${service}: its port is already in use (run "npm run doctor")`);
      } else {
        console.error(`${service} failed to start:`, err);
      }
      process.exit(1);
    },
  );
}
