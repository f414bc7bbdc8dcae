import fs from 'node:fs';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';

// The smallest image's recipe, checked with a Dockerfile parser (no engine needed to read it).
const chapterDir = path.resolve(__dirname, '..');
const text = fs.readFileSync(path.join(chapterDir, 'Dockerfile.minimal'), 'utf8');
const dockerfile = DockerfileParser.parse(text);
const instructions = dockerfile.getInstructions();
const froms = dockerfile.getFROMs();
const finalStage = instructions.slice(instructions.indexOf(froms[froms.length - 1]) + 1);
const args = (keyword: string) =>
  finalStage.filter((i) => i.getKeyword() === keyword).map((i) => i.getArgumentsContent() ?? '');

describe('the minimal Dockerfile', () => {
  it('collects node and the libraries it links in a build stage of the same base image', () => {
    expect(froms.map((f) => f.getImage())).toEqual(['${BASE_IMAGE}', 'scratch']);
    const [collect] = instructions.filter((i) => i.getKeyword() === 'RUN');
    expect(collect.getArgumentsContent()).toMatch(/ldd "\$node"/);
  });

  it('ships only what the build stage collected and one bundle, on an empty base', () => {
    const copies = dockerfile.getCOPYs().filter((c) => finalStage.includes(c));
    expect(copies.map((c) => [c.getFromFlag()?.getValue(), c.getArgumentsContent()])).toEqual([
      ['node', '/rootfs/ /'],
      [undefined, '${SERVICE}/dist/ ./'],
      ['node', '/app/.compile-cache/ ./.compile-cache/'],
    ]);
    expect(args('RUN')).toEqual([]);
  });

  it("carries the bundle's compile cache, made in the build stage as the service's user", () => {
    const [, warmUp] = instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? '');
    expect(warmUp).toContain(
      `setpriv --reuid=10001 --regid=10001 --clear-groups node -e "require('/app/main.js'); process.exit(0)"`,
    );
    expect(args('ENV').join(' ')).toMatch(/NODE_COMPILE_CACHE=\/app\/\.compile-cache/);
  });

  it('runs like the regular image: unprivileged, node directly, its own health check, production mode', () => {
    expect(args('USER')).toEqual(['10001:10001']);
    expect(args('CMD')).toEqual(['["node", "main.js"]']);
    expect(args('HEALTHCHECK').join()).toMatch(/CMD \["node", "healthcheck\.js"\]$/);
    expect(args('ENV').join(' ')).toMatch(/NODE_ENV=production/);
  });

  it('builds with the legacy builder too: no BuildKit-only syntax', () => {
    expect(text).not.toMatch(/^#\s*syntax\s*=/im);
    expect(text).not.toMatch(/^\s*(RUN|COPY|ADD)\b.*--(mount|link|chmod|secret|ssh|network)\b/m);
    expect(text).not.toMatch(/^\s*(RUN|COPY)\b.*<</m);
  });
});
