import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { stripVTControlCharacters } from 'node:util';
import { logsCommand, logsQuery } from '../commands/logs';
import { findChapter } from '../lib/paths';

// `npm run logs:N -- --req ID` against a stand-in log tail answering GET /logs as logtail does.
describe('the logs command', () => {
  let server: http.Server;
  let url: string;
  const asked: string[] = [];
  const printed: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      asked.push(req.url ?? '');
      const lines = req.url?.includes('reqId=t-123')
        ? [
            { time: '2026-01-01T10:00:00.300Z', service: 'vipservice', level: 'info', msg: 'VIP account read' },
            { time: '2026-01-01T10:00:00.100Z', service: 'accountservice', level: 'info', msg: 'request completed' },
          ]
        : [];
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ count: lines.length, lines }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(stripVTControlCharacters(args.join(' ')));
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    asked.length = 0;
    printed.length = 0;
  });

  it("asks for one request's lines and prints them oldest first, exit 0", async () => {
    await expect(logsCommand(findChapter('5'), { req: 't-123', url })).resolves.toBe(0);
    expect(asked).toEqual(['/logs?limit=1000&reqId=t-123']);
    const story = printed.filter((l) => /accountservice|vipservice/.test(l) && !/line\(s\)/.test(l));
    expect(story.map((l) => l.split(/\s+/)[1])).toEqual(['accountservice', 'vipservice']);
  });

  it('exits 1 and says so when the request left no lines', async () => {
    await expect(logsCommand(findChapter('5'), { req: 'nobody', url })).resolves.toBe(1);
  });

  it('needs --req or --service, and a chapter with a log tail', async () => {
    expect(() => logsQuery({})).toThrow(/--req ID/);
    await expect(logsCommand(findChapter('4'), { req: 't-123', url })).rejects.toThrow(/no log tail/);
  });
});
