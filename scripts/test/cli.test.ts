import fs from 'node:fs';
import path from 'node:path';
import { COMMANDS, usage } from '../commands/table';
import { chapterExercises } from '../lib/exercises';
import { REPO_ROOT, findChapter } from '../lib/paths';
import { runCli } from './helpers/run-cli';

interface PackageJson {
  scripts: Record<string, string>;
}

// The workshop CLI's general commands, run as a user runs them.
jest.setTimeout(60_000);

describe('the workshop CLI', () => {
  it('answers a chapter that does not exist with one clear line', async () => {
    const { code, out } = await runCli(['chapter', '42']);
    expect(code).toBe(1);
    expect(out.trim()).toMatch(/^✘ Chapter 42 does not exist yet\. Chapters available: 1(, \d+)*\.$/);
  });

  it('answers a missing chapter number with usage, not a stack trace', async () => {
    const { code, out } = await runCli(['verify']);
    expect(code).toBe(1);
    expect(out).toMatch(/Give a chapter number/);
    expect(out).not.toMatch(/\n\s+at /);
  });

  it('refuses to reset without a terminal unless --yes is given', async () => {
    const { code, out } = await runCli(['reset', '1']);
    expect(code).toBe(1);
    expect(out).toMatch(/--yes/);
  });

  it('runs the chapter 1 demo from start to finish with --auto', async () => {
    const { code, out } = await runCli(['demo', '1', '--auto']);
    expect(out).toMatch(/HTTP 200 \{"id":"10000","name":"Person_0"/);
    expect(out).toMatch(/HTTP 404/);
    expect(out).toMatch(/HTTP 400/);
    expect(out).toMatch(/HTTP 503/);
    expect(out).toMatch(/exit codes: \{"accountservice":0\}/);
    expect(code).toBe(0);
  });

  it('runs the chapter 1 demo interactively: each Enter typed on stdin runs the next step', async () => {
    const steps = 6;
    const { code, out } = await runCli(['demo', '1', '--interactive'], {}, '\n'.repeat(steps));
    expect(out.match(/⏎ Enter to run/g)).toHaveLength(steps);
    expect(out).toMatch(/\[1\/6\][^]*⏎ Enter to run[^]*accountservice listening[^]*\[2\/6\]/);
    expect(out).toMatch(/HTTP 200 \{"id":"10000","name":"Person_0"/);
    expect(out).toMatch(/exit codes: \{"accountservice":0\}/);
    expect(out).toContain('Demo finished.');
    expect(code).toBe(0);
  });

  it('stops the interactive demo when its input ends (as Ctrl-C does), with one line and what it started stopped', async () => {
    const { code, out } = await runCli(['demo', '1', '--interactive'], {}, '\n');
    expect(out).toMatch(/\[2\/6\]/);
    expect(out).toContain('Demo stopped (Ctrl-C); what it started is stopped too.');
    expect(out).not.toMatch(/\n\s+at /);
    expect(code).toBe(1);
  });

  it('shows what chapter 1 adds', async () => {
    const { code, out } = await runCli(['diff', '1']);
    expect(code).toBe(0);
    expect(out).toMatch(/\+ accountservice\/src\/main\.ts/);
  });

  it('verify names every unsolved exercise of the committed starter and its failing checks, shows no hint, and fails', async () => {
    const { code, out } = await runCli(['verify', '1']);
    expect(code).toBe(1);
    for (const exercise of chapterExercises(findChapter('1'))) {
      expect(out).toMatch(new RegExp(`✘ Exercise \\d ${exercise.id} — `));
      expect(out).toContain(`stuck? npm run verify:1 -- --hint ${exercise.id}`);
      expect(out).not.toContain(exercise.hint);
      expect(out).not.toContain(exercise.hintApi);
    }
    expect(out).toMatch(/failing checks \(\d+ of \d+\):\n\s+• .*\[validate-id\]/);
    expect(out).toMatch(/0 of 4 exercises done/);
  });

  it('doctor checks Node and says how to get RabbitMQ and Docker', async () => {
    const { out } = await runCli(['doctor']);
    expect(out).toMatch(/✔ Node\.js 24 LTS: v24\./);
    expect(out).toMatch(/RabbitMQ \(chapter 4 on\)/);
    expect(out).toMatch(/Docker engine/);
  });
});

describe('the command table', () => {
  it('is where the per-chapter npm scripts come from: each one, for chapters 1 to 9, runs its command', () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson).scripts;
    const perChapter = Object.keys(scripts).filter((name) => /^[a-z-]+:\d+$/.test(name));
    const expected = COMMANDS.filter((c) => c.perChapterScript).flatMap((c) =>
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [`${c.name}:${n}`, `tsx scripts/cli.ts ${c.name} ${n}`]),
    );
    expect(perChapter.sort()).toEqual(expected.map(([name]) => name).sort());
    for (const [name, command] of expected) expect(scripts[name]).toBe(command);
  });

  it('writes the usage text: every command with its options', () => {
    const text = usage();
    for (const command of COMMANDS) {
      expect(text).toContain(`  ${command.name}`);
      for (const option of Object.keys(command.options)) expect(text).toContain(`--${option}`);
    }
  });

  it('refuses an option the command does not take, naming it and showing that command', async () => {
    const { code, out } = await runCli(['diff', '1', '--nope']);
    expect(code).toBe(1);
    expect(out).toMatch(/Unknown option '--nope'/);
    expect(out).toMatch(/diff N \[--stat\]/);
  });
});
