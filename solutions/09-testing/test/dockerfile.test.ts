import fs from 'node:fs';
import path from 'node:path';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';

// The image recipe, checked with a Dockerfile parser (no engine needed to read it).
const chapterDir = path.resolve(__dirname, '..');
const text = fs.readFileSync(path.join(chapterDir, 'Dockerfile'), 'utf8');
const dockerfile = DockerfileParser.parse(text);
const instructions = dockerfile.getInstructions();
const froms = dockerfile.getFROMs();
const lastFrom = froms[froms.length - 1];
/** The instructions of the last stage: what the shipped image is made of. */
const finalStage = instructions.slice(instructions.indexOf(lastFrom) + 1);
const all = (keyword: string, within: Instruction[] = instructions) => within.filter((i) => i.getKeyword() === keyword);

describe('the Dockerfile', () => {
  it('starts from the BASE_IMAGE build argument, the official Node 24 image by default', () => {
    const [arg] = dockerfile.getInitialARGs();
    expect(arg.getProperty()?.getName()).toBe('BASE_IMAGE');
    expect(arg.getProperty()?.getValue()).toBe('node:24-bookworm-slim');
    for (const from of froms) expect(from.getImage()).toBe('${BASE_IMAGE}');
  });

  it("ships one service's bundle folder and nothing else (no native addon to prepare in a build stage)", () => {
    expect(froms).toHaveLength(1);
    const copies = dockerfile.getCOPYs().filter((c) => finalStage.includes(c));
    expect(copies.map((c) => c.getArgumentsContent())).toEqual(['${SERVICE}/dist/ ./']);
    // Its one RUN installs and builds nothing: it loads the bundle just copied (the compile cache).
    expect(all('RUN').map((r) => r.getArgumentsContent())).toEqual([
      expect.stringContaining(`node -e "require('/app/main.js'); process.exit(0)"`),
    ]);
  });

  it("makes the bundle's compile cache as the service's user, read-only for it", () => {
    const env = all('ENV', finalStage)
      .map((e) => e.getArgumentsContent())
      .join(' ');
    expect(env).toMatch(/NODE_COMPILE_CACHE=\/app\/\.compile-cache/);
    const [uid, gid] = (all('USER', finalStage)[0].getArgumentsContent() ?? '').split(':');
    const [warmUp] = all('RUN').map((r) => r.getArgumentsContent() ?? '');
    // Node keeps one cache per user id: made as another user, the service would never read it.
    expect(warmUp).toContain(`setpriv --reuid=${uid} --regid=${gid} --clear-groups node`);
    expect(warmUp).toMatch(/chown -R root:root \.compile-cache && chmod -R a\+rX,go-w \.compile-cache$/);
  });

  it('runs as an unprivileged user', () => {
    const users = all('USER', finalStage);
    expect(users).toHaveLength(1);
    const [user] = (users[0].getArgumentsContent() ?? '').split(':');
    expect(user).not.toMatch(/^(root|0)?$/);
  });

  it('checks its own health with node, not curl', () => {
    const [check] = dockerfile.getHEALTHCHECKs();
    expect(check.getRawArgumentsContent()).toMatch(/CMD \["node", "healthcheck\.js"\]$/);
    expect(text).not.toMatch(/curl|wget/);
  });

  it('starts node directly (exec form), in production mode', () => {
    const cmds = dockerfile.getCMDs();
    expect(cmds[cmds.length - 1].getArgumentsContent()).toBe('["node", "main.js"]');
    expect(
      all('ENV', finalStage)
        .map((e) => e.getArgumentsContent())
        .join(' '),
    ).toMatch(/NODE_ENV=production/);
  });

  it('builds with the legacy builder too: no BuildKit-only syntax', () => {
    expect(text).not.toMatch(/^#\s*syntax\s*=/im); // a BuildKit frontend directive
    expect(text).not.toMatch(/^\s*(RUN|COPY|ADD)\b.*--(mount|link|chmod|secret|ssh|network)\b/m);
    expect(text).not.toMatch(/^\s*(RUN|COPY)\b.*<</m); // heredocs
  });
});

describe('the .dockerignore', () => {
  it('sends only the bundles to the Docker daemon', () => {
    const lines = fs
      .readFileSync(path.join(chapterDir, '.dockerignore'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'));
    expect(lines).toEqual(['*', '!accountservice/dist', '!quotes-service/dist', '!vipservice/dist', '!logtail/dist']);
  });
});
