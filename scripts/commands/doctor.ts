import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { readManifest } from '../lib/manifest';
import { HOW_TO_GET_NODE, REQUIRED_NODE_MAJOR, nodeTooOld } from '../lib/node-version';
import { listChapters } from '../lib/paths';
import { isPortFree } from '../lib/ports';
import { HOW_TO_GET_PROMETHEUS, prometheusInstalled } from '../lib/prometheus';
import { DEFAULT_AMQP_URL, HOW_TO_GET_RABBITMQ, canConnect } from '../lib/rabbitmq';
import { pc, say } from '../lib/ui';

interface Check {
  name: string;
  run(): Promise<{ ok: boolean; detail: string; fix?: string }>;
  /** Required checks make doctor exit non-zero; optional ones only warn. */
  required: boolean;
}

const checks: Check[] = [
  {
    name: `Node.js ${REQUIRED_NODE_MAJOR} LTS`,
    required: true,
    async run() {
      const ok = !nodeTooOld();
      return { ok, detail: `v${process.versions.node}`, fix: HOW_TO_GET_NODE };
    },
  },
  {
    name: 'Dependencies installed',
    required: true,
    async run() {
      const ok = fs.existsSync(require.resolve('express')) && fs.existsSync(require.resolve('amqplib'));
      return { ok, detail: ok ? 'node_modules present' : 'missing', fix: 'npm ci' };
    },
  },
  {
    name: 'Chapter ports free',
    required: true,
    async run() {
      const busy: string[] = [];
      for (const chapter of listChapters()) {
        for (const service of readManifest(chapter.solutionDir).services) {
          // Chapter 08's edge also holds a plain-HTTP port (it redirects to HTTPS).
          for (const port of [service.port, ...(service.https ? [service.https.httpPort] : [])]) {
            if (!busy.some((b) => b.startsWith(`${port} `)) && !(await isPortFree(port))) {
              busy.push(`${port} (${service.name})`);
            }
          }
        }
      }
      return {
        ok: busy.length === 0,
        detail: busy.length ? `in use: ${busy.join(', ')}` : 'all free',
        fix: 'Stop the running chapter (Ctrl-C) or whatever holds the port: lsof -i :PORT',
      };
    },
  },
  {
    name: 'RabbitMQ (chapter 4 on)',
    required: false,
    async run() {
      const url = new URL(process.env.AMQP_URL ?? DEFAULT_AMQP_URL);
      const ok = await canConnect(url.hostname, Number(url.port || 5672));
      return { ok, detail: `${url.host} ${ok ? 'reachable' : 'not reachable'}`, fix: HOW_TO_GET_RABBITMQ };
    },
  },
  {
    name: 'Prometheus (chapter 7, optional)',
    required: false,
    async run() {
      const ok = prometheusInstalled();
      return { ok, detail: ok ? 'prometheus on PATH' : 'not installed', fix: HOW_TO_GET_PROMETHEUS };
    },
  },
  {
    name: 'Docker engine (chapter 2 Swarm mode)',
    required: false,
    async run() {
      const info = spawnSync('docker', ['info', '--format', '{{.ServerVersion}} swarm={{.Swarm.LocalNodeState}}'], {
        encoding: 'utf8',
        timeout: 5000,
      });
      if (info.error)
        return {
          ok: false,
          detail: 'docker CLI not found',
          fix: 'Install Docker: https://docs.docker.com/engine/install/ (local mode needs none)',
        };
      const ok = info.status === 0;
      return {
        ok,
        detail: ok ? info.stdout.trim() : 'CLI present, engine not running',
        fix: 'Start the engine (e.g. sudo dockerd &, or Docker Desktop); then docker swarm init --advertise-addr 127.0.0.1',
      };
    },
  },
];

/** `npm run doctor`: checks what the workshop needs and says how to fix each problem. */
export async function doctorCommand(): Promise<number> {
  let failedRequired = 0;
  for (const check of checks) {
    const result = await check.run();
    if (result.ok) {
      say.ok(`${check.name}: ${pc.dim(result.detail)}`);
      continue;
    }
    (check.required ? say.fail : say.warn)(`${check.name}: ${result.detail}`);
    if (result.fix) console.log(pc.dim(result.fix.replace(/^/gm, '    ')));
    if (check.required) failedRequired++;
  }
  console.log();
  if (failedRequired) say.fail(`${failedRequired} required check(s) failed.`);
  else say.ok('Ready for the workshop.');
  return failedRequired ? 1 : 0;
}
