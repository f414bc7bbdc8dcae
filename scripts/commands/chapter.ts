import fs from 'node:fs';
import path from 'node:path';
import { infoFromLandscape, removeInfo, writeInfo } from '../console/landscape-info';
import { type StartedConsole, startConsole } from '../console/start';
import { parseReplicas, readManifest } from '../lib/manifest';
import { type Chapter, UsageError, relative } from '../lib/paths';
import { isPortFree } from '../lib/ports';
import { prettyLine } from '../lib/pretty-line';
import { HOW_TO_GET_PROMETHEUS, prometheusInstalled, startLocalPrometheus } from '../lib/prometheus';
import { startLandscape } from '../lib/runner';
import { checkServers } from '../lib/rabbitmq';
import { pc, progressLine, say, serviceColour } from '../lib/ui';

/**
 * `npm run chapter:N [-- --mine] [--replicas NAME=N] [--console]`: start the chapter's landscape locally
 * and keep it running; `--replicas` runs a service as N replicas behind its one port (round robin);
 * `--console` also serves the landscape console. What runs where goes to .workshop/landscape.json,
 * for `npm run console` in another terminal.
 */
export async function chapterCommand(
  chapter: Chapter,
  flags: Set<string>,
  replicaValues: string[] = [],
): Promise<void> {
  const mine = flags.has('--mine');
  const dir = mine ? chapter.starterDir : chapter.solutionDir;
  if (!fs.existsSync(dir))
    throw new UsageError(`${relative(dir)} does not exist: run "npm run reset:${chapter.number}".`);
  const manifest = readManifest(dir);
  const replicas = parseReplicas(replicaValues, manifest);

  // The broker first: without it nothing can start, whatever holds the ports.
  await checkServers(manifest.servers);
  const busy: { name: string; port: number }[] = [];
  for (const service of manifest.services) {
    // Chapter 08's edge also holds a plain-HTTP port (it redirects to HTTPS).
    for (const port of [service.port, ...(service.https ? [service.https.httpPort] : [])])
      if (!(await isPortFree(port))) busy.push({ name: service.name, port });
  }
  if (busy.length) {
    const list = busy.map((s) => `${s.port} (${s.name})`).join(', ');
    throw new UsageError(`Port ${list} is in use. Stop what runs there (another "npm run chapter:N"?) and retry.`);
  }

  say.step(`Chapter ${chapter.number}: ${manifest.title} — starting ${mine ? 'your code in ' : ''}${relative(dir)}`);
  const progress = progressLine();
  // Lines seen before the console starts (each service's config load) still reach it.
  const early: [string, string, Date][] = [];
  let liveConsole: StartedConsole | undefined;
  const landscape = await startLandscape({
    dir,
    replicas,
    onOutput: (service, index, line) => {
      if (liveConsole) liveConsole.collector.feedLine(service, line);
      else if (flags.has('--console')) early.push([service, line, new Date()]);
      progress.done();
      console.log(`${serviceColour(index)(service.padEnd(16))}${pc.dim('│')} ${prettyLine(line)}`);
    },
    onWaiting: (service, elapsed) =>
      progress.update(`  waiting for ${service} to be healthy… ${(elapsed / 1000).toFixed(1)}s`),
  });
  progress.done();

  say.ok(`All ${landscape.services.length} service(s) healthy.`);
  for (const service of landscape.services) {
    const copies = service.replicas ? pc.dim(` (${service.replicas} replicas, round robin)`) : '';
    console.log(`  ${pc.bold(service.spec.name.padEnd(16))} ${service.url}${service.spec.health}${copies}`);
  }
  // Chapter 07: the real Prometheus, scraping every replica, when it is installed (optional).
  let prometheus: Awaited<ReturnType<typeof startLocalPrometheus>> | undefined;
  if (manifest.servers.includes('prometheus')) {
    if (!prometheusInstalled()) say.warn(`No Prometheus: metrics are served, not scraped.\n${HOW_TO_GET_PROMETHEUS}`);
    else if (!(await isPortFree(PROMETHEUS_PORT)))
      say.warn(`Port ${PROMETHEUS_PORT} is in use: Prometheus not started.`);
    else {
      prometheus = await startLocalPrometheus(landscape, PROMETHEUS_PORT);
      console.log(`  ${pc.bold('prometheus'.padEnd(16))} ${prometheus.url}/targets`);
    }
  }
  const info = infoFromLandscape(landscape);
  if (prometheus) info.services.push({ name: 'prometheus', url: prometheus.url, health: '/-/healthy' });
  writeInfo(info);
  if (flags.has('--console')) {
    liveConsole = await startConsole(info);
    for (const [service, line, at] of early.splice(0)) liveConsole.collector.feedLine(service, line, at);
  }
  const tries = landscape.services.filter((s) => s.spec.try);
  if (tries.length) console.log(`\n  Try it:`);
  for (const service of tries) {
    // Chapter 08's edge: HTTPS with a certificate it made itself, which curl is told to trust.
    const cert = service.spec.https?.cert;
    const trust = cert ? `--cacert ${relative(path.join(dir, cert))} ` : '';
    console.log(`    ${pc.cyan(`curl -s ${trust}${shellQuoted(`${service.url}${service.spec.try}`)}`)}`);
  }
  console.log();
  console.log(pc.dim('  Ctrl-C stops everything.'));

  await stopOnSignal(async () => {
    removeInfo();
    await liveConsole?.close();
    await prometheus?.stop();
    return landscape.stop();
  });
}

const PROMETHEUS_PORT = 9090;

function stopOnSignal(stop: () => Promise<Record<string, number | null>>): Promise<void> {
  return new Promise((resolve) => {
    const handler = async () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
      console.log();
      say.step('Stopping…');
      const codes = await stop();
      for (const [name, code] of Object.entries(codes)) {
        (code === 0 ? say.ok : say.warn)(`${name} exited with code ${code}`);
      }
      resolve();
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}

/** Quotes a URL for the shell when it holds characters a shell would expand (`?`, `&`). */
function shellQuoted(url: string): string {
  return /[?&*[\]]/.test(url) ? `'${url}'` : url;
}
