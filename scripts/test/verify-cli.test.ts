import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chapterExercises } from '../lib/exercises';
import { findChapter } from '../lib/paths';
import { runCli } from './helpers/run-cli';

// verify:N -- --hint ID: the idea first, the API when asked again (verify itself: cli.test.ts).
jest.setTimeout(120_000);

const chapter = findChapter('1');
const exercises = chapterExercises(chapter);
let stateDir: string;
beforeEach(() => (stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workshop-hints-'))));
afterEach(() => fs.rmSync(stateDir, { recursive: true, force: true }));

describe('verify on the command line', () => {
  it('--hint ID shows the idea first, and the API to use when asked again', async () => {
    const [exercise] = exercises;
    const first = await runCli(['verify', '1', '--hint', exercise.id], { WORKSHOP_STATE_DIR: stateDir });
    expect(first.code).toBe(0);
    expect(first.out).toContain(`Hint 1 (the idea): ${exercise.hint}`);
    expect(first.out).not.toContain(exercise.hintApi);
    expect(first.out).toContain(`Ask again for the API to use: npm run verify:1 -- --hint ${exercise.id}`);

    const second = await runCli(['verify', '1', '--hint', exercise.id], { WORKSHOP_STATE_DIR: stateDir });
    expect(second.out).toContain(`Hint 2 (the API):  ${exercise.hintApi}`);
    expect(JSON.parse(fs.readFileSync(path.join(stateDir, 'hints.json'), 'utf8'))).toEqual({ [`1:${exercise.id}`]: 2 });
  });

  it('--hint with an unknown id lists the ids there are', async () => {
    const { code, out } = await runCli(['verify', '1', '--hint', 'nope'], { WORKSHOP_STATE_DIR: stateDir });
    expect(code).toBe(1);
    expect(out).toContain(`Chapter 1 has no exercise "nope". Its exercises: ${exercises.map((e) => e.id).join(', ')}.`);
  });
});
