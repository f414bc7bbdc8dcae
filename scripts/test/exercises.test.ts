import { starterText } from '../lib/exercises';

const solution = `function f(x: number) {
  // @exercise double: Return twice x.
  // @hint Multiply by two.
  return x * 2;
  // @end
}
function g() {
  // @exercise greet: Return a greeting.
  // @hint Any string will do.
  return 'hello';
  // @starter
  // return '';
  // @end
}
`;

describe('the starter generator', () => {
  it('replaces every region with a TODO and the starter code or a throw', () => {
    const starter = starterText(solution, 'f.ts', 3);
    expect(starter).toContain('// TODO(exercise double): Return twice x.');
    expect(starter).toContain("throw new Error('Exercise double is not done yet (see the TODO above).');");
    expect(starter).toContain("  return '';");
    expect(starter).not.toMatch(/x \* 2|hello|@hint|@exercise|Multiply/);
    expect(starter).toContain('npm run verify:3');
  });

  it('keeps the solution of regions not named, without their markers', () => {
    const starter = starterText(solution, 'f.ts', 3, new Set(['greet']));
    expect(starter).toContain('return x * 2;');
    expect(starter).not.toContain('@exercise double');
    expect(starter).toContain('TODO(exercise greet)');
  });

  it('uses # comments in YAML and Dockerfiles', () => {
    const yaml = 'a: 1\n# @exercise b: Set b.\n# @hint To 2.\nb: 2\n# @starter\n# b: 0\n# @end\n';
    expect(starterText(yaml, 'x.yml', 1)).toBe(
      'a: 1\n# TODO(exercise b): Set b.\n# Check it with `npm run verify:1`, which also shows a hint.\nb: 0\n',
    );
  });

  it.each([
    ['a region without @end', '// @exercise a: A.\n// @hint h\nx\n', /has no @end/],
    ['a region without a hint', '// @exercise a: A.\nx\n// @end\n', /has no @hint/],
    ['a malformed marker', '// @exercise A task without id\n', /@exercise <id>: <task>/],
    ['a stray @end', 'x\n// @end\n', /outside an exercise/],
  ])('names the file and line for %s', (_label, text, message) => {
    expect(() => starterText(text, 'bad.ts', 1)).toThrow(message);
    expect(() => starterText(text, 'bad.ts', 1)).toThrow(/bad\.ts:\d+/);
  });
});
