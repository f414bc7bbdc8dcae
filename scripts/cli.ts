import fs from 'node:fs';
import path from 'node:path';
import { checkExercisesCommand } from './commands/check-exercises';
import { chapterCommand } from './commands/chapter';
import { consoleCommand } from './commands/console';
import { diffCommand } from './commands/diff';
import { doctorCommand } from './commands/doctor';
import { generateCommand } from './commands/generate';
import { footprintCommand } from './commands/footprint';
import { logsCommand } from './commands/logs';
import { resetCommand } from './commands/reset';
import { swarmCommand } from './commands/swarm';
import { type CommandName, type Invocation, findCommand, parseInvocation, usage } from './commands/table';
import { verifyCommand } from './commands/verify';
import { type Demo, runDemo } from './lib/demo';
import { nodeTooOld } from './lib/node-version';
import { type Chapter, UsageError, findChapter, listChapters, twoDigits } from './lib/paths';
import { say } from './lib/ui';

const chapterOf = ({ args }: Invocation): Chapter => findChapter(args[0]);
const chaptersOrAll = ({ args }: Invocation): Chapter[] => (args[0] ? [findChapter(args[0])] : listChapters());

/** What each command of the table (commands/table.ts) does; the type makes sure none is missing. */
const RUN: Record<CommandName, (call: Invocation) => Promise<number> | number> = {
  chapter: async (call) => {
    await chapterCommand(chapterOf(call), call.flags, call.strings('replicas'));
    return 0;
  },
  verify: (call) => verifyCommand(chapterOf(call), call.flags, call.strings('hint')[0]),
  demo: (call) => demoCommand(chapterOf(call), call.flags),
  diff: (call) => diffCommand(chapterOf(call), call.flags),
  logs: (call) =>
    logsCommand(chapterOf(call), {
      req: call.strings('req')[0],
      service: call.strings('service')[0],
      url: call.strings('url')[0],
    }),
  reset: async (call) => {
    await resetCommand(chapterOf(call), call.flags);
    return 0;
  },
  generate: (call) => {
    generateCommand(chaptersOrAll(call));
    return 0;
  },
  'check-exercises': (call) => checkExercisesCommand(chaptersOrAll(call)),
  console: async (call) => {
    await consoleCommand({
      ...(call.args[0] ? { chapter: findChapter(call.args[0]) } : {}),
      port: call.strings('port')[0],
      swarm: call.flags.has('--swarm'),
      stack: call.strings('stack')[0],
    });
    return 0;
  },
  doctor: () => doctorCommand(),
  footprint: (call) =>
    footprintCommand(findChapter(call.args[0] ?? '2'), call.flags, call.strings('out')[0], call.strings('rate')[0]),
  swarm: (call) => {
    const [sub, chapterArg, ...args] = call.args;
    return swarmCommand(sub, {
      chapter: findChapter(chapterArg),
      args,
      flags: call.flags,
      withFiles: call.strings('with'),
      baseImage: call.strings('base-image')[0],
      stack: call.strings('stack')[0],
    });
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // doctor explains the fix itself; everything else would fail later with a less clear error.
  const tooOld = name === 'doctor' ? undefined : nodeTooOld();
  if (tooOld) throw new UsageError(tooOld);
  const command = findCommand(name);
  if (!command) {
    console.log(usage());
    return name ? 1 : 0;
  }
  return RUN[command.name as CommandName](parseInvocation(command, rest));
}

async function demoCommand(chapter: Chapter, flags: Set<string>): Promise<number> {
  const file = path.join(__dirname, 'demos', `chapter-${twoDigits(chapter.number)}.ts`);
  if (!fs.existsSync(file)) throw new UsageError(`Chapter ${chapter.number} has no demo yet.`);
  const demo = (await import(file)) as { default: Demo };
  const auto = flags.has('--auto') || (!process.stdin.isTTY && !flags.has('--interactive'));
  await runDemo(chapter, demo.default, auto, flags);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) say.fail(err.message);
    else say.fail(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
