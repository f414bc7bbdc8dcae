import { type LandscapeInfo, INFO_FILE, infoFromManifest, readInfo } from '../console/landscape-info';
import { startConsole } from '../console/start';
import { type Chapter, UsageError, relative, twoDigits } from '../lib/paths';
import { pc, say } from '../lib/ui';

export interface ConsoleOptions {
  chapter?: Chapter;
  port?: string;
  swarm: boolean;
  stack?: string;
}

/**
 * `npm run console [-- N] [--port P] [--swarm [--stack NAME]]`: a live page of the running landscape.
 * Local mode reads what `npm run chapter:N` wrote (.workshop/landscape.json); given N and no running
 * chapter, it watches chapter N's documented ports. --swarm reads the services and tasks from the Docker engine.
 */
export async function consoleCommand(options: ConsoleOptions): Promise<void> {
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536))
    throw new UsageError(`--port takes a port number (got "${options.port}")`);
  const info = landscapeToWatch(options);
  say.step(`Landscape console for chapter ${info.chapter}: ${info.title} (${info.mode} mode)`);
  const running = await startConsole(info, {
    ...(port !== undefined ? { port } : {}),
    ...(options.swarm
      ? { swarm: { stack: options.stack ?? `ch${twoDigits(options.chapter?.number ?? info.chapter)}` } }
      : {}),
  });
  console.log(pc.dim('  Open it in a browser. Ctrl-C stops the console (the landscape keeps running).'));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.close();
}

function landscapeToWatch({ chapter, swarm }: ConsoleOptions): LandscapeInfo {
  const running = swarm ? undefined : readInfo();
  if (running && (!chapter || chapter.number === running.chapter)) return running;
  if (chapter) {
    const info = infoFromManifest(chapter.solutionDir);
    return swarm ? { ...info, mode: 'swarm', services: [] } : info;
  }
  throw new UsageError(
    `No chapter is running (${relative(INFO_FILE)} is missing or stale). Start one with ` +
      `"npm run chapter:N -- --console", or name the chapter: "npm run console -- N".`,
  );
}
