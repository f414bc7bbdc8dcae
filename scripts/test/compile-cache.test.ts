import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundle } from '../lib/bundle';
import { warmCompileCache, warmUpScript } from '../lib/compile-cache';
import { REPO_ROOT } from '../lib/paths';

/** What node says about its compile cache when it runs `main` (NODE_DEBUG_NATIVE=COMPILE_CACHE). */
function compileCacheLog(main: string, cacheDir: string): string {
  const script = `require(${JSON.stringify(main)}); setImmediate(() => process.exit(0))`;
  return spawnSync(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH, PORT: '0', NODE_COMPILE_CACHE: cacheDir, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' },
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  }).stderr;
}

describe('the compile cache of a bundle', () => {
  let dir: string;
  let main: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compile-cache-test-'));
    await bundle({ main: path.join(REPO_ROOT, 'scripts', 'footprint', 'baselines', 'express-hello.ts') }, dir);
    main = path.join(dir, 'main.js');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is made by loading the bundle once, and the next start accepts it', () => {
    const cache = path.join(dir, 'cache');
    warmCompileCache(main, cache);
    expect(fs.readdirSync(cache, { recursive: true }).length).toBeGreaterThan(1);
    const log = compileCacheLog(main, cache);
    expect(log).toMatch(new RegExp(`V8 code cache for CommonJS ${main.replace(/[.]/g, '\\.')} was accepted`));
  });

  it('fails with the reason when the bundle cannot load (as the image build does)', () => {
    const broken = path.join(dir, 'broken.js');
    fs.writeFileSync(broken, 'throw new Error("boom at load");');
    expect(() => warmCompileCache(broken, path.join(dir, 'broken-cache'))).toThrow(
      /loading .*broken\.js to make its compile cache failed \(exit 1\): [^]*boom at load/,
    );
  });

  it('is made in every chapter image with the same one-liner, as the user the service runs as', () => {
    const dockerfiles = fs
      .readdirSync(path.join(REPO_ROOT, 'solutions'))
      .flatMap((chapter) =>
        ['Dockerfile', 'Dockerfile.minimal'].map((f) => path.join(REPO_ROOT, 'solutions', chapter, f)),
      )
      .filter((f) => fs.existsSync(f));
    expect(dockerfiles.length).toBeGreaterThanOrEqual(9);
    for (const file of dockerfiles) {
      const text = fs.readFileSync(file, 'utf8');
      // Node keeps one cache per user id: made as root, the service (USER) would never read it.
      const [, uid, gid] = /^USER (\d+):(\d+)$/m.exec(text) ?? [];
      const warmUp = `setpriv --reuid=${uid} --regid=${gid} --clear-groups node -e "${warmUpScript('/app/main.js')}"`;
      expect({ file, warmsAsTheService: text.includes(warmUp) }).toEqual({ file, warmsAsTheService: true });
      expect({ file, env: /NODE_COMPILE_CACHE=\/app\/\.compile-cache/.test(text) }).toEqual({ file, env: true });
      expect({ file, readOnly: text.includes('chown -R root:root .compile-cache') }).toEqual({ file, readOnly: true });
    }
  });
});
