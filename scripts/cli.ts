import fs from 'node:fs';
import path from 'node:path';
import { checkExercisesCommand } from './commands/check-exercises';
import { chapterCommand } from './commands/chapter';
import { diffCommand } from './commands/diff';
import { doctorCommand } from './commands/doctor';
import { generateCommand } from './commands/generate';
import { footprintCommand } from './commands/footprint';
import { resetCommand } from './commands/reset';
import { SWARM_USAGE, swarmCommand } from './commands/swarm';
import { verifyCommand } from './commands/verify';
import { type Demo, runDemo } from './lib/demo';
import { UsageError, findChapter, listChapters } from './lib/paths';
import { say } from './lib/ui';

const USAGE = `Usage: tsx scripts/cli.ts <command> [chapter] [flags]
  chapter N [--mine] [--replicas NAME=N]
                       start chapter N locally (your chapters/ code with --mine); --replicas
                       runs a service as N replicas behind one port, round robin
  verify N [--watch]   check your chapters/NN code, exercise by exercise
  verify N --hint ID   a hint for exercise ID: the idea; asked again, the API to use
  demo N [--auto]      the chapter's live demo (--auto: no Enter between steps; --interactive: prompts even
                       when stdin is not a terminal, e.g. piped; demo 2 --swarm: on Docker)
  diff N [--stat]      what chapter N changes compared with chapter N-1
  reset N [--yes]      restore chapters/NN to the starter (backs up your code first)
  generate [N]         regenerate starters from the solutions
  check-exercises [N]  the exercise checks run by npm test
  doctor               check this machine for the workshop
  footprint [N] [--quick|--idle] [--out FILE]
                       measure start-up, memory and throughput against two baselines
${SWARM_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const [arg] = positionals(rest);
  const chaptersOrAll = () => (arg ? [findChapter(arg)] : listChapters());

  switch (command) {
    case 'chapter':
      await chapterCommand(findChapter(arg), flags, optionValues(rest, '--replicas'));
      return 0;
    case 'verify':
      return verifyCommand(findChapter(arg), flags, hintOption(rest));
    case 'demo':
      return demoCommand(arg, flags);
    case 'diff':
      return diffCommand(findChapter(arg), flags);
    case 'reset':
      await resetCommand(findChapter(arg), flags);
      return 0;
    case 'generate':
      generateCommand(chaptersOrAll());
      return 0;
    case 'check-exercises':
      return checkExercisesCommand(chaptersOrAll());
    case 'doctor':
      return doctorCommand();
    case 'footprint':
      return footprintCommand(findChapter(arg ?? '2'), flags, optionValues(rest, '--out')[0]);
    case 'swarm': {
      const [sub, chapterArg, ...args] = positionals(rest);
      return swarmCommand(sub, {
        chapter: findChapter(chapterArg),
        args,
        flags,
        withFiles: optionValues(rest, '--with'),
        baseImage: optionValues(rest, '--base-image')[0],
        stack: optionValues(rest, '--stack')[0],
      });
    }
    default:
      console.log(USAGE);
      return command ? 1 : 0;
  }
}

/** The arguments that are neither flags nor the values of options given as `--name value`. */
function positionals(args: string[]): string[] {
  const valued = new Set(['--replicas', '--with', '--base-image', '--stack', '--out', '--hint']);
  return args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1]));
}

/** Every value given to an option, as `--name value` or `--name=value`. */
function optionValues(args: string[], name: string): string[] {
  return args.flatMap((a, i) => {
    if (a.startsWith(`${name}=`)) return [a.slice(name.length + 1)];
    return a === name && args[i + 1] !== undefined && !args[i + 1].startsWith('--') ? [args[i + 1]] : [];
  });
}

/** The exercise id after --hint; --hint with no id is a usage error. */
function hintOption(args: string[]): string | undefined {
  if (!args.some((a) => a === '--hint' || a.startsWith('--hint='))) return undefined;
  const [id] = optionValues(args, '--hint');
  if (!id) throw new UsageError('Name the exercise: npm run verify:N -- --hint ID (verify:N lists the ids).');
  return id;
}

async function demoCommand(arg: string | undefined, flags: Set<string>): Promise<number> {
  const chapter = findChapter(arg);
  const file = path.join(__dirname, 'demos', `chapter-${String(chapter.number).padStart(2, '0')}.ts`);
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
