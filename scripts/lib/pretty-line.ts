import { prettyFactory } from 'pino-pretty';

interface AccessFields {
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
}

/** An access line (pino-http's req/res) in one short phrase: "GET /accounts/10000 → 200 in 12 ms". */
export function accessSummary({ req, res, responseTime }: AccessFields): string {
  if (!req?.method || res?.statusCode === undefined) return '';
  return `${req.method} ${req.url ?? ''} → ${res.statusCode}${responseTime === undefined ? '' : ` in ${responseTime} ms`}`;
}

const pretty = prettyFactory({
  colorize: Boolean(process.stdout.isTTY),
  translateTime: 'HH:MM:ss.l',
  // The access line's req/res objects fill a screen: the message says what they hold (accessSummary).
  ignore: 'pid,hostname,service,instance,req,res,responseTime',
  singleLine: true,
  messageFormat: (log, messageKey) => {
    const access = accessSummary(log as AccessFields);
    return access ? `${String(log[messageKey])}: ${access}` : String(log[messageKey]);
  },
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
