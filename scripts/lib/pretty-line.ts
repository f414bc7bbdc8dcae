import { prettyFactory } from 'pino-pretty';

const pretty = prettyFactory({
  colorize: Boolean(process.stdout.isTTY),
  translateTime: 'HH:MM:ss.l',
  ignore: 'pid,hostname,service,instance',
  singleLine: true,
});

/**
 * A service's output line as the merged view shows it: a pino JSON line (chapter 05 on) readable in
 * one line, with its request id; anything else (earlier chapters' plain lines) as it is.
 */
export function prettyLine(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    JSON.parse(line);
  } catch {
    return line;
  }
  return pretty(line).replace(/\n$/, '');
}
