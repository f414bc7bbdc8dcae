import fc from 'fast-check';
import request from 'supertest';
import { type AccountStore, FakeStore, buildAccountApp } from '../../under-test/accountservice';
import { parseVipNotification } from '../../under-test/common';

// accountservice's id validation (chapter 01) as properties over generated ids, through its real
// Express app: every path segment a client may send is either a valid id or a 400, and the store is
// never asked about an id that cannot be one.

/** A store that remembers which ids it was asked about. */
function recordingStore() {
  const asked: string[] = [];
  const store = new FakeStore();
  const recording: AccountStore = Object.assign(Object.create(store) as AccountStore, {
    findAccount: (id: string) => {
      asked.push(id);
      return store.findAccount(id);
    },
  });
  return { store: recording, asked };
}

const validId = fc.stringMatching(/^\d{1,20}$/);
/** Anything a client may put in the path segment (encoded on the way), valid ids included. */
const anySegment = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }),
  fc.stringMatching(/^\d{21,30}$/),
  fc.stringMatching(/^[0-9a-f ._~-]{1,25}$/),
  validId,
);
const isValid = (id: string) => /^\d{1,20}$/.test(id);

describe('account id validation: properties over generated ids (real app, fake store)', () => {
  it('answers 400 INVALID_ACCOUNT_ID exactly for the ids that are not 1–20 digits, and never asks the store about them', async () => {
    await fc.assert(
      fc.asyncProperty(anySegment, async (id) => {
        const { store, asked } = recordingStore();
        const app = buildAccountApp({ store, servedBy: 'prop', testability: false });
        const res = await request(app).get(`/accounts/${encodeURIComponent(id)}`);
        if (isValid(id)) {
          expect([200, 404]).toContain(res.status);
          expect(asked).toEqual([id]);
        } else {
          expect(res.status).toBe(400);
          expect(res.body.error.code).toBe('INVALID_ACCOUNT_ID');
          expect(asked).toEqual([]);
        }
      }),
      { numRuns: 150, examples: [['.'], ['..'], ['%'], ['/'], ['10000'], ['0'.repeat(21)]] },
    );
  });

  it('every id accountservice accepts is one vipservice accepts in a VIP notification (the two rules agree)', () => {
    fc.assert(
      fc.property(validId, (accountId) => {
        expect(
          parseVipNotification(Buffer.from(JSON.stringify({ accountId, readAt: new Date(0).toISOString() }))),
        ).toEqual({ accountId, readAt: '1970-01-01T00:00:00.000Z' });
      }),
    );
  });
});
