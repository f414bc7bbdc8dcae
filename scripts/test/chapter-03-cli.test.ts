import fs from 'node:fs';
import { runCli } from './helpers/run-cli';

// Chapter 3's demo, run unattended the way CI and rehearsals run it.
jest.setTimeout(120_000);

describe('chapter 3 on the command line', () => {
  it('runs the demo with --auto: config from the server, a live refresh, a restart-only key, a refusal', async () => {
    const { code, out } = await runCli(['demo', '3', '--auto']);
    const copy = /private copy of config-repo: (\S+)/.exec(out)?.[1];
    expect(copy).toBeDefined();
    expect(out).toMatch(/quotes-service: config: loaded \S+\/quotes-service\/dev from 2 source\(s\): file:\S+/);
    expect(out).toMatch(/accountservice: config: loaded \S+\/accountservice\/dev from 3 source\(s\): file:\S+/);
    expect(out).toMatch(/1\. file:\S+\/accountservice-dev\.yml/);
    expect(out).toMatch(/"language":"en"/);
    expect(out).toContain('HTTP 200 {"changed":["quotes.language"],"needsRestart":[]}');
    expect(out).toMatch(/quote\.language: sv, from the same quotes-service process/);
    expect(out).toContain('HTTP 200 {"changed":[],"needsRestart":["db.path"]}');
    expect(out).toMatch(
      /refused to start \(exit code 1\): quotes\.language = "42x" \(from file:\S+\/quotes-service\.yml\)/,
    );
    expect(out).toMatch(/HTTP 422 \{"error":\{"code":"INVALID_CONFIG"/);
    expect(out).toContain('the running quotes-service still answers in "sv"');
    expect(out).toContain('exit codes: {"accountservice":0,"quotes-service":0,"configserver":0}');
    expect(fs.existsSync(copy as string)).toBe(false);
    expect(code).toBe(0);
  });

  it.each([
    [['chapter', '3', '--replicas', 'nosuch=2'], /has no service "nosuch"/],
    [['chapter', '3', '--replicas', 'configserver'], /--replicas takes NAME=N/],
  ])('answers %j with one clear line', async (args, message) => {
    const { code, out } = await runCli(args);
    expect(out).toMatch(message);
    expect(out).not.toMatch(/\n\s+at /);
    expect(code).toBe(1);
  });
});
