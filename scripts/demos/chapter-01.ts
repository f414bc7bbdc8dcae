import type { Demo } from '../lib/demo';
import { say } from '../lib/ui';

const demo: Demo = {
  title: 'Chapter 1 — a REST service with an embedded store',
  steps: [
    {
      narrate: 'Start the accountservice the way learners do; note the start-up time it prints.',
      shows: 'npm run chapter:1',
      run: async (ctx) => void (await ctx.start()),
    },
    {
      narrate: 'Read an account from the seeded SQLite store. servedBy names the instance.',
      run: async (ctx) => void (await ctx.curl('GET', `${ctx.landscape?.url('accountservice')}/accounts/10000`)),
    },
    {
      narrate: 'An id that does not exist is a 404 with a JSON error, not an empty body.',
      run: async (ctx) => void (await ctx.curl('GET', `${ctx.landscape?.url('accountservice')}/accounts/10100`)),
    },
    {
      narrate: 'A malformed id is the client’s mistake: 400, and the store is never asked.',
      run: async (ctx) => void (await ctx.curl('GET', `${ctx.landscape?.url('accountservice')}/accounts/drop-table`)),
    },
    {
      narrate: 'Health is a real check of the store. Flip it off on purpose (goblog P6) and back on.',
      run: async (ctx) => {
        const base = ctx.landscape?.url('accountservice');
        await ctx.curl('GET', `${base}/health`);
        await ctx.curl('PUT', `${base}/testability/healthy/false`);
        await ctx.curl('GET', `${base}/health`);
        await ctx.curl('PUT', `${base}/testability/healthy/true`);
      },
    },
    {
      narrate: 'Graceful shutdown: SIGTERM lets in-flight requests finish and the service exits 0.',
      shows: 'Ctrl-C',
      run: async (ctx) => {
        const codes = await ctx.landscape?.stop();
        ctx.landscape = undefined;
        say.ok(`exit codes: ${JSON.stringify(codes)}`);
      },
    },
  ],
};

export default demo;
