import { execFile } from 'node:child_process';

/**
 * Has the broker close connections itself (CONNECTION_FORCED, as on a broker restart or an
 * operator's `rabbitmqctl close_connection`), only those whose connection_name starts with
 * `prefix`: other people's tests on the same broker keep theirs. Needs rabbitmqctl with the
 * node's Erlang cookie (root on a machine running RabbitMQ from the OS package).
 * Resolves to the number of connections closed.
 */
export async function brokerClosesConnections(
  prefix: string,
  reason = 'test: broker drops the connection',
): Promise<number> {
  const listing = await rabbitmqctl(['list_connections', '-q', '--no-table-headers', 'pid', 'client_properties']);
  const pids = listing
    .split('\n')
    .filter((line) => line.includes(`{"connection_name","${prefix}`))
    .map((line) => line.split('\t')[0]);
  for (const pid of pids) await rabbitmqctl(['close_connection', pid, reason]);
  return pids.length;
}

/** Can this process drive the local broker with rabbitmqctl? */
export async function rabbitmqctlWorks(): Promise<boolean> {
  try {
    await rabbitmqctl(['list_connections', '-q', '--no-table-headers', 'pid']);
    return true;
  } catch {
    return false;
  }
}

function rabbitmqctl(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('rabbitmqctl', args, { timeout: 20_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`rabbitmqctl ${args[0]} failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}
