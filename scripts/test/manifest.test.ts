import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { parseManifest } from '../lib/manifest';
import { findChapter } from '../lib/paths';

const chapter05 = YAML.parse(fs.readFileSync(path.join(findChapter('5').solutionDir, 'landscape.yml'), 'utf8')) as {
  chapter: number;
};
const withBench = (bench: unknown) => parseManifest({ ...chapter05, bench }, 'landscape.yml');

describe("landscape.yml's bench section (what the footprint benchmark compares a chapter with)", () => {
  it('accepts an earlier chapter, env variants and how the measured services run', () => {
    const manifest = withBench({
      compareWith: { chapter: 4 },
      variants: [{ name: 'tracing off', env: { OTEL_SDK_DISABLED: 'true' } }],
      run: 'source',
    });
    expect(manifest.bench).toEqual({
      compareWith: { chapter: 4 },
      variants: [{ name: 'tracing off', env: { OTEL_SDK_DISABLED: 'true' } }],
      run: 'source',
    });
    expect(withBench({ compareWith: { chapter: 4 } }).bench).toEqual({
      compareWith: { chapter: 4 },
      variants: [],
      run: 'bundle',
    });
    expect(parseManifest(chapter05, 'landscape.yml').chapter).toBe(5);
  });

  it.each([
    [{ compareWith: 4 }, /landscape\.yml is invalid: bench\.compareWith: .*expected object/i],
    [{ compareWith: { chapter: 5 } }, /bench\.compareWith\.chapter: compareWith must name an earlier chapter/],
    [{ compareWith: { chapter: 4, extra: 1 } }, /bench\.compareWith: .*unrecognized key.*"extra"/i],
    [{ varients: [] }, /bench: .*unrecognized key.*"varients"/i],
    [{ variants: [{ name: 'tracing off' }] }, /bench\.variants\.0\.env: .*expected record/i],
    [{ variants: [{ name: 'tracing off', env: {} }] }, /bench\.variants\.0\.env: give at least one variable/],
    [{ variants: [{ name: 'Tracing Off!', env: { A: '1' } }] }, /bench\.variants\.0\.name: a short lower-case name/],
    [
      {
        variants: [
          { name: 'off', env: { A: '1' } },
          { name: 'off', env: { A: '2' } },
        ],
      },
      /bench\.variants: variant names must differ/,
    ],
    [{ run: 'docker' }, /bench\.run: .*"bundle"\|"source"/],
  ])('refuses %j with a message naming the field', (bench, message) => {
    expect(() => withBench(bench)).toThrow(message);
  });
});
