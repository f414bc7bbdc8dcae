import { createHash } from 'node:crypto';
import { PendingLogins } from '../src/login/pending-logins';
import { createPkcePair } from '../src/login/pkce';
import { TokenBuckets } from '../src/rate-limit';
import { relayHeaders } from '../src/relay';

describe('PKCE', () => {
  it('[pkce] makes a fresh 43-character base64url verifier and its S256 challenge (RFC 7636)', () => {
    const first = createPkcePair();
    const second = createPkcePair();
    expect(first.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.verifier).not.toBe(second.verifier);
    expect(first.method).toBe('S256');
    expect(first.challenge).toBe(createHash('sha256').update(first.verifier).digest('base64url'));
    expect(first.challenge).not.toContain('=');
  });
});

describe('token relay', () => {
  it('[token-relay] relays the verified token and writes X-Forwarded-* from what the edge saw', () => {
    expect(
      relayHeaders({ token: 'h.p.s', requestId: 'req-12345678', clientIp: '10.0.0.7', host: 'edge:8765' }),
    ).toEqual({
      authorization: 'Bearer h.p.s',
      'x-request-id': 'req-12345678',
      'x-forwarded-for': '10.0.0.7',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'edge:8765',
    });
  });
});

describe('token buckets', () => {
  it('lets a burst through, then says when the next token is back; refills with time; buckets are per client', () => {
    let now = 0;
    const buckets = new TokenBuckets({ burst: 2, perSecond: 0.5 }, () => now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 2]);
    expect(buckets.take('b')).toBe(0);
    now = 2000;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(2);
  });

  it('forgets clients whose bucket is full again', () => {
    let now = 0;
    const buckets = new TokenBuckets({ burst: 1, perSecond: 1 }, () => now);
    buckets.take('a');
    now = 5000;
    buckets.take('b');
    buckets.take('b');
    expect(buckets.size).toBe(1);
  });
});

describe('pending logins', () => {
  it('gives a verifier back once, and not after it expired', () => {
    let now = 0;
    const pending = new PendingLogins(1000, 10, () => now);
    pending.add('s1', 'v1');
    pending.add('s2', 'v2');
    expect(pending.take('s1')).toBe('v1');
    expect(pending.take('s1')).toBeUndefined();
    now = 1500;
    expect(pending.take('s2')).toBeUndefined();
  });

  it('is bounded', () => {
    const pending = new PendingLogins(60_000, 2);
    ['a', 'b', 'c'].forEach((state) => pending.add(state, `v-${state}`));
    expect(pending.take('a')).toBeUndefined();
    expect(pending.take('c')).toBe('v-c');
  });
});
