import fs from 'node:fs';
import { readManifest } from '../lib/manifest';
import { type Chapter, UsageError, relative } from '../lib/paths';
import { isPortFree } from '../lib/ports';
import { startLandscape } from '../lib/runner';
import { checkServers } from '../lib/servers';
import { pc, progressLine, say, serviceColour } from '../lib/ui';

/** `npm run chapter:N [-- --mine]`: start the chapter's landscape locally and keep it running. */
export async function chapterCommand(chapter: Chapter, flags: Set<string>): Promise<void> {
  const mine = flags.has('--mine');
  const dir = mine ? chapter.starterDir : chapter.solutionDir;
  if (!fs.existsSync(dir))
    throw new UsageError(`${relative(dir)} does not exist: run "npm run reset:${chapter.number}".`);
  const manifest = readManifest(dir);

  const busy = [];
  for (const service of manifest.services) if (!(await isPortFree(service.port))) busy.push(service);
  if (busy.length) {
    const list = busy.map((s) => `${s.port} (${s.name})`).join(', ');
    throw new UsageError(`Port ${list} is in use. Stop what runs there (another "npm run chapter:N"?) and retry.`);
  }
  await checkServers(manifest.servers);

  say.step(`Chapter ${chapter.number}: ${manifest.title} — starting ${mine ? 'your code in ' : ''}${relative(dir)}`);
  const progress = progressLine();
  const landscape = await startLandscape({
    dir,
    onOutput: (service, index, line) => {
      progress.done();
      console.log(`${serviceColour(index)(service.padEnd(16))}${pc.dim('│')} ${line}`);
    },
    onWaiting: (service, elapsed) =>
      progress.update(`  waiting for ${service} to be healthy… ${(elapsed / 1000).toFixed(1)}s`),
  });
  progress.done();

  say.ok(`All ${landscape.services.length} service(s) healthy.`);
  for (const service of landscape.services) {
    console.log(`  ${pc.bold(service.spec.name.padEnd(16))} ${service.url}${service.spec.health}`);
  }
  const first = landscape.services.find((s) => s.spec.try);
  if (first) console.log(`\n  Try it:  ${pc.cyan(`curl -s ${first.url}${first.spec.try}`)}\n`);
  console.log(pc.dim('  Ctrl-C stops everything.'));

  await stopOnSignal(landscape.stop);
}

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
