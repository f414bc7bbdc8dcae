import pino from 'pino';
import { loadLogtailConfig } from '../src/config';
import { type RunningLogtail, startLogtail } from '../src/logtail';

/** A real logtail on free ports (UDP and HTTP on 127.0.0.1), quiet, with the given env overrides. */
export async function startTestLogtail(env: Record<string, string> = {}): Promise<RunningLogtail & { url: string }> {
  const config = loadLogtailConfig({ UDP_PORT: '0', PORT: '0', HOST: '127.0.0.1', ...env });
  const running = await startLogtail(config, pino({ level: 'silent' }));
  return { ...running, url: `http://127.0.0.1:${running.httpPort}` };
}

export async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
