import { parseArgs } from 'node:util';
import { UsageError } from '../lib/paths';

interface OptionSpec {
  type: 'boolean' | 'string';
  /** May be given more than once (each value is kept). */
  multiple?: boolean;
  /** The value's placeholder in the usage text, e.g. FILE. */
  value?: string;
}

export interface CommandSpec {
  name: string;
  /** What follows the name in the usage text, e.g. "N" or "[N]". */
  args: string;
  options: Record<string, OptionSpec>;
  /** The usage text's description (lines after the first are indented under it). */
  summary: string;
  /** package.json has `<name>:1` … `<name>:9` scripts for it. */
  perChapterScript: boolean;
}

/** Every command of the workshop CLI (scripts/cli.ts runs them): the usage text and the per-chapter npm scripts come from here. */
export const COMMANDS = [
  {
    name: 'chapter',
    args: 'N',
    options: {
      mine: { type: 'boolean' },
      replicas: { type: 'string', multiple: true, value: 'NAME=N' },
      console: { type: 'boolean' },
    },
    summary:
      'start chapter N locally (your chapters/ code with --mine); --replicas\nruns a service as N replicas behind one port, round robin; --console\nalso serves the landscape console',
    perChapterScript: true,
  },
  {
    name: 'verify',
    args: 'N',
    options: { watch: { type: 'boolean' }, hint: { type: 'string', value: 'ID' } },
    summary:
      'check your chapters/NN code, exercise by exercise; --hint ID: a hint for\nexercise ID (the idea; asked again, the API to use)',
    perChapterScript: true,
  },
  {
    name: 'demo',
    args: 'N',
    options: {
      auto: { type: 'boolean' },
      interactive: { type: 'boolean' },
      swarm: { type: 'boolean' },
      console: { type: 'boolean' },
    },
    summary:
      "the chapter's live demo (--auto: no Enter between steps; --interactive: prompts even\nwhen stdin is not a terminal; demo 2 --swarm: on Docker; --console: with the landscape console)",
    perChapterScript: true,
  },
  {
    name: 'logs',
    args: 'N',
    options: {
      req: { type: 'string', value: 'ID' },
      service: { type: 'string', value: 'NAME' },
      url: { type: 'string', value: 'URL' },
    },
    summary: "one request's story across services (--req ID), from the chapter's log tail (chapter 5 on)",
    perChapterScript: true,
  },
  {
    name: 'diff',
    args: 'N',
    options: { stat: { type: 'boolean' } },
    summary: 'what chapter N changes compared with chapter N-1',
    perChapterScript: true,
  },
  {
    name: 'reset',
    args: 'N',
    options: { yes: { type: 'boolean' } },
    summary: 'restore chapters/NN to the starter (backs up your code first)',
    perChapterScript: true,
  },
  {
    name: 'generate',
    args: '[N]',
    options: {},
    summary: 'regenerate starters from the solutions',
    perChapterScript: false,
  },
  {
    name: 'check-exercises',
    args: '[N]',
    options: {},
    summary: 'the exercise checks run by npm test',
    perChapterScript: false,
  },
  {
    name: 'console',
    args: '[N]',
    options: {
      port: { type: 'string', value: 'PORT' },
      swarm: { type: 'boolean' },
      stack: { type: 'string', value: 'NAME' },
    },
    summary:
      'a live page of the running landscape on 127.0.0.1 (health, calls, breakers, logs,\nqueues, config); --swarm reads the services from the Docker engine',
    perChapterScript: false,
  },
  { name: 'doctor', args: '', options: {}, summary: 'check this machine for the workshop', perChapterScript: false },
  {
    name: 'footprint',
    args: '[N]',
    options: {
      quick: { type: 'boolean' },
      idle: { type: 'boolean' },
      recheck: { type: 'boolean' },
      out: { type: 'string', value: 'FILE' },
      rate: { type: 'string', value: 'REQ_PER_S' },
    },
    summary:
      'measure start-up, memory and throughput against two baselines (chapter 2 by default), or a later chapter against what its landscape.yml compares it with',
    perChapterScript: false,
  },
  {
    name: 'swarm',
    args: '<build|deploy|scale|ps|rm|secrets> N',
    options: {
      'base-image': { type: 'string', value: 'IMG' },
      with: { type: 'string', multiple: true, value: 'FILE' },
      stack: { type: 'string', value: 'NAME' },
      mine: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    },
    summary:
      "the chapter's stack on Docker Swarm: build bundles each service and builds its image,\n" +
      'deploy runs docker stack deploy (stack chNN), scale SERVICE=REPLICAS, ps, rm,\n' +
      "secrets makes the files of the stack's Docker secrets (chapter 8 on);\n" +
      '--dry-run prints the docker commands and runs nothing',
    perChapterScript: false,
  },
] as const satisfies readonly CommandSpec[];

export type CommandName = (typeof COMMANDS)[number]['name'];

/** One command line, parsed by node:util's parseArgs against the command's options. */
export interface Invocation {
  /** The arguments that are not options, after the command's name. */
  args: string[];
  /** The boolean options given, as the commands read them: `--mine`, `--dry-run`. */
  flags: Set<string>;
  /** Every value a string option was given (`--with a --with b` → ['a', 'b']). */
  strings: (name: string) => string[];
}

export function findCommand(name: string | undefined): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** The usage text, written from COMMANDS. */
export function usage(): string {
  return ['Usage: tsx scripts/cli.ts <command> [chapter] [flags]', ...COMMANDS.map(usageOf)].join('\n');
}

const SUMMARY_COLUMN = 23;

/** `  name ARGS [--flag] [--option VALUE]` and the summary, in a column of its own. */
function usageOf(command: CommandSpec): string {
  const options = Object.entries(command.options).map(([name, spec]) =>
    spec.type === 'boolean' ? `[--${name}]` : `[--${name} ${spec.value ?? 'VALUE'}]`,
  );
  const head = ['  ' + command.name, command.args, ...options].filter(Boolean).join(' ');
  const [first, ...more] = command.summary.split('\n').map((line) => ' '.repeat(SUMMARY_COLUMN) + line);
  const lines = head.length < SUMMARY_COLUMN ? [head.padEnd(SUMMARY_COLUMN) + first.trimStart()] : [head, first];
  return [...lines, ...more].join('\n');
}

/** Parses `argv` (after the command's name) against the command's options; an unknown option is refused. */
export function parseInvocation(command: CommandSpec, argv: string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: command.options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nUsage:\n${usageOf(command)}`);
  }
  const { values, positionals } = parsed;
  const flags = new Set(
    Object.entries(values)
      .filter(([, value]) => value === true)
      .map(([name]) => `--${name}`),
  );
  const strings = (name: string): string[] => {
    const value = values[name];
    if (typeof value === 'string') return [value];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  };
  return { args: positionals, flags, strings };
}
