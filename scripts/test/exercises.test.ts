import { exercisesInText, starterText } from '../lib/exercises';

const solution = `function f(x: number) {
  // @exercise double: Return twice x.
  // @hint Twice is the same amount again.
  // @hint-api The * operator.
  return x * 2;
  // @end
}
function g() {
  // @exercise greet: Return a greeting.
  // @hint Any friendly word will do.
  // @hint-api A string literal.
  return 'hello';
  // @starter
  // return '';
  // @end
}
`;

describe('the exercise markers', () => {
  it('read two hint levels, each of which may continue over several lines', () => {
    const text = '// @exercise a: A.\n// @hint The idea,\n// @hint in two lines.\n// @hint-api f(x).\nx\n// @end\n';
    expect(exercisesInText(text)).toEqual([
      expect.objectContaining({ id: 'a', hint: 'The idea, in two lines.', hintApi: 'f(x).' }),
    ]);
  });
});

describe('the starter generator', () => {
  it('replaces every region with a TODO and the starter code or a throw', () => {
    const starter = starterText(solution, 'f.ts', 3);
    expect(starter).toContain('// TODO(exercise double): Return twice x.');
    expect(starter).toContain("throw new Error('Exercise double is not done yet (see the TODO above).');");
    expect(starter).toContain("  return '';");
    expect(starter).not.toMatch(/x \* 2|hello|@hint|@exercise|Twice|operator/);
    expect(starter).toContain('npm run verify:3 -- --hint double');
  });

  it('keeps the solution of regions not named, without their markers', () => {
    const starter = starterText(solution, 'f.ts', 3, new Set(['greet']));
    expect(starter).toContain('return x * 2;');
    expect(starter).not.toMatch(/@exercise double|@hint/);
    expect(starter).toContain('TODO(exercise greet)');
  });

  it('uses # comments in YAML and Dockerfiles', () => {
    const yaml = 'a: 1\n# @exercise b: Set b.\n# @hint Even.\n# @hint-api 2.\nb: 2\n# @starter\n# b: 0\n# @end\n';
    expect(starterText(yaml, 'x.yml', 1)).toBe(
      'a: 1\n# TODO(exercise b): Set b.\n# Check it with `npm run verify:1`; a hint: `npm run verify:1 -- --hint b`.\nb: 0\n',
    );
  });

  it.each([
    ['a region without @end', '// @exercise a: A.\n// @hint h\n// @hint-api h\nx\n', /has no @end/],
    ['a region without a hint', '// @exercise a: A.\nx\n// @end\n', /has no @hint/],
    ['a region without the API hint', '// @exercise a: A.\n// @hint h\nx\n// @end\n', /has no @hint-api/],
    ['a malformed marker', '// @exercise A task without id\n', /@exercise <id>: <task>/],
    ['a stray @end', 'x\n// @end\n', /outside an exercise/],
  ])('names the file and line for %s', (_label, text, message) => {
    expect(() => starterText(text, 'bad.ts', 1)).toThrow(message);
    expect(() => starterText(text, 'bad.ts', 1)).toThrow(/bad\.ts:\d+/);
  });
});
