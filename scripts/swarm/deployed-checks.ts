import { expectStatus } from '../lib/test-em-all';
import { say } from '../lib/ui';
import { type Task, publishedPort, runningTasks, serviceTasks, taskAddresses } from './docker';
import type { PlannedService, StackPlan } from './stack';

interface AccountBody {
  id: string;
  name: string;
  servedBy: string;
  quote?: { quote: string; ipAddress: string; language: string };
}

export interface Endpoint {
  service: PlannedService;
  tasks: Task[];
  /** http://127.0.0.1:PORT of each running task (its host-mode port). */
  urls: string[];
  /** Each running task's address on the overlay network. */
  addresses: string[];
}

/** Where the running tasks of a service answer on this host, and their overlay addresses. */
export async function endpoint(service: PlannedService): Promise<Endpoint> {
  const tasks = runningTasks(await serviceTasks(service.swarmName));
  const urls = tasks.map((t) => {
    const port = publishedPort(t, service.port);
    if (!port) throw new Error(`task ${t.ID} of ${service.swarmName} publishes no host port for ${service.port}`);
    return `http://127.0.0.1:${port}`;
  });
  return { service, tasks, urls, addresses: tasks.flatMap(taskAddresses) };
}

function find(plan: StackPlan, name: string): PlannedService {
  const service = plan.services.find((s) => s.name === name);
  if (!service) throw new Error(`the stack has no ${name}`);
  return service;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/**
 * The chapter's end-to-end checks against the deployed stack (test-em-all style: real HTTP, the
 * failing request and response printed), plus what only a real swarm shows: `servedBy` and
 * `quote.ipAddress` are the overlay addresses of real tasks.
 */
export async function checkDeployedStack(plan: StackPlan): Promise<void> {
  const accounts = await endpoint(find(plan, 'accountservice'));
  const quotes = await endpoint(find(plan, 'quotes-service'));
  for (const e of [accounts, quotes]) {
    for (const url of e.urls) {
      const { body } = await expectStatus('GET', `${url}${e.service.health}`, 200);
      check(JSON.stringify(body) === '{"status":"UP"}', `${url}${e.service.health} answered ${JSON.stringify(body)}`);
    }
  }
  say.ok(
    `every task answers its health check (${accounts.urls.length} accountservice, ${quotes.urls.length} quotes-service)`,
  );

  for (const url of accounts.urls) {
    const { body } = await expectStatus('GET', `${url}/accounts/10000`, 200);
    const account = body as AccountBody;
    check(account.id === '10000' && account.name === 'Person_0', `unexpected account: ${JSON.stringify(body)}`);
    check(
      accounts.addresses.includes(account.servedBy),
      `servedBy ${account.servedBy} is none of ${accounts.addresses.join(', ')}`,
    );
    check(account.quote?.language === 'en', `account without a quote from quotes-service: ${JSON.stringify(body)}`);
    check(
      quotes.addresses.includes(account.quote?.ipAddress ?? ''),
      `quote.ipAddress ${account.quote?.ipAddress} is none of the quotes-service tasks ${quotes.addresses.join(', ')}`,
    );
  }
  say.ok('accounts come with a quote; servedBy and quote.ipAddress are the tasks’ overlay addresses');

  const [anyAccounts] = accounts.urls;
  await expectStatus('GET', `${anyAccounts}/accounts/10100`, 404);
  await expectStatus('GET', `${anyAccounts}/accounts/abc`, 400);
  const [anyQuotes] = quotes.urls;
  const { body } = await expectStatus('GET', `${anyQuotes}/api/quote?strength=1000000`, 400);
  check(JSON.stringify(body).includes('INVALID_STRENGTH'), `unexpected 400 body: ${JSON.stringify(body)}`);
  say.ok('unknown account → 404, malformed id → 400, excessive strength → 400');
}

/**
 * Reads accounts through one accountservice task and collects the quotes-service addresses
 * that answered: with dnsrr and a new connection (and lookup) per quote call, they rotate.
 */
export async function distinctQuoteAddresses(plan: StackPlan, reads: number): Promise<Map<string, number>> {
  const accounts = await endpoint(find(plan, 'accountservice'));
  const seen = new Map<string, number>();
  for (let i = 0; i < reads; i++) {
    const { body } = await expectStatus('GET', `${accounts.urls[0]}/accounts/${10000 + (i % 100)}`, 200);
    const address = (body as AccountBody).quote?.ipAddress ?? '(no quote)';
    seen.set(address, (seen.get(address) ?? 0) + 1);
  }
  return seen;
}
