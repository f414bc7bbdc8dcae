import { runCli } from './helpers/run-cli';

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

  it('shows what chapter 1 adds', async () => {
    const { code, out } = await runCli(['diff', '1']);
    expect(code).toBe(0);
    expect(out).toMatch(/\+ accountservice\/src\/main\.ts/);
  });

  it('verify names every unsolved exercise of the committed starter with its hint, and fails', async () => {
    const { code, out } = await runCli(['verify', '1']);
    expect(code).toBe(1);
    for (const id of ['validate-id', 'not-found', 'health-check', 'seed-in-one-transaction']) {
      expect(out).toMatch(new RegExp(`✘ Exercise \\d ${id} — `));
    }
    expect(out).toMatch(/hint: +Test accountId against ACCOUNT_ID_PATTERN/);
    expect(out).toMatch(/0 of 4 exercises done/);
  });

  it('doctor checks Node and says how to get RabbitMQ and Docker', async () => {
    const { out } = await runCli(['doctor']);
    expect(out).toMatch(/✔ Node\.js ≥ 20\.19: v20\./);
    expect(out).toMatch(/RabbitMQ \(chapter 4 on\)/);
    expect(out).toMatch(/Docker engine/);
  });
});
