import path from 'node:path';
import { buildApp } from '../configserver/src/app';
import { nativeRepository } from '../configserver/src/repository/native-repository';
import { serve } from '../common/http';
import { copyRepo } from '../configserver/test/repo-copy';

/** The chapter's config repository, as committed. */
export const CONFIG_REPO = path.join(__dirname, '..', 'config-repo');

/** The local configserver in this process on a free port, serving a private copy of config-repo/. */
export async function startLocalConfigServer() {
  const repo = copyRepo(CONFIG_REPO);
  const server = await serve(buildApp({ repository: nativeRepository(repo.dir) }), {
    host: '127.0.0.1',
    port: 0,
    onClosed: async () => undefined,
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    repo,
    server,
    stop: async () => {
      await server.shutdown();
      repo.remove();
    },
  };
}
