import { type RunningServer, runService, serve } from '../../common/http';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { nativeRepository } from './repository/native-repository';

const SERVICE = 'configserver';

async function main(): Promise<RunningServer> {
  const config = loadConfig(process.env);
  const repository = nativeRepository(config.repoDir);
  const app = buildApp({ repository, log: (line) => console.log(`${SERVICE}: ${line}`) });

  const running = await serve(app, { host: config.host, port: config.port, onClosed: async () => undefined });
  const startupMs = Math.round(performance.now());
  console.log(
    `${SERVICE} listening on http://127.0.0.1:${running.port} serving ${config.repoDir} (started in ${startupMs} ms)`,
  );
  return running;
}

runService(SERVICE, main, { isConfigError: (err) => err instanceof ConfigError });
