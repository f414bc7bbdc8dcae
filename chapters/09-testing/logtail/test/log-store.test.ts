import type { LogLine } from '../src/log-line';
import { LogStore } from '../src/log-store';
import { RingBuffer } from '../src/ring-buffer';

const line = (service: string, time: number, msg = `${service}@${time}`): LogLine => ({
  time,
  service,
  level: 'info',
  msg,
  fields: {},
});

describe('RingBuffer', () => {
  it('keeps the newest items, oldest first', () => {
    const ring = new RingBuffer<number>(3);
    expect(ring.toArray()).toEqual([]);
    for (let n = 1; n <= 5; n += 1) ring.push(n);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.size).toBe(3);
  });

  it('refuses a capacity below 1', () => {
    expect(() => new RingBuffer(0)).toThrow(/capacity must be ≥ 1/);
  });
});

describe('LogStore', () => {
  it('bounds the lines kept per service, so a chatty service cannot push out the others', () => {
    const store = new LogStore({ linesPerService: 2, maxServices: 10 });
    store.add(line('quiet', 1));
    for (let t = 2; t < 100; t += 1) store.add(line('chatty', t));
    expect(store.query({}, 100).map((l) => l.msg)).toEqual(['quiet@1', 'chatty@98', 'chatty@99']);
  });

  it('bounds the number of services: the one heard from least recently goes', () => {
    const store = new LogStore({ linesPerService: 5, maxServices: 2 });
    store.add(line('a', 1));
    store.add(line('b', 2));
    store.add(line('a', 3));
    store.add(line('c', 4));
    expect(store.services()).toEqual(['a', 'c']);
  });

  it('merges services in time order and returns the newest `limit` lines', () => {
    const store = new LogStore({ linesPerService: 10, maxServices: 10 });
    store.add(line('b', 20));
    store.add(line('a', 10));
    store.add(line('a', 30));
    expect(store.query({}, 2).map((l) => l.msg)).toEqual(['b@20', 'a@30']);
  });

  it('tells subscribers about every new line until they unsubscribe', () => {
    const store = new LogStore({ linesPerService: 10, maxServices: 10 });
    const seen: string[] = [];
    const unsubscribe = store.subscribe((l) => seen.push(l.msg));
    store.add(line('a', 1));
    unsubscribe();
    store.add(line('a', 2));
    expect(seen).toEqual(['a@1']);
  });
});
