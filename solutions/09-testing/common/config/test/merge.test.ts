import { mergeSources } from '../merge';

const source = (name: string, entries: Record<string, unknown>) => ({ name, source: entries });

describe('mergeSources', () => {
  it('[precedence-merge] lets the first (most specific) source win a key', () => {
    const { values } = mergeSources([
      source('accountservice-dev.yml', { 'quotes.timeout-ms': 2000 }),
      source('accountservice.yml', { 'quotes.timeout-ms': 1000, 'server.port': 6767 }),
      source('application.yml', { 'quotes.timeout-ms': 500, 'logging.level': 'info' }),
    ]);
    expect(values).toEqual({ 'quotes.timeout-ms': 2000, 'server.port': 6767, 'logging.level': 'info' });
  });

  it('[precedence-merge] replaces a list as a whole: a shorter specific list keeps no items of the general one', () => {
    const { values } = mergeSources([
      source('accountservice-dev.yml', { 'accounts.vip-ids[0]': '10042' }),
      source('accountservice.yml', { 'accounts.vip-ids[0]': '10000', 'accounts.vip-ids[1]': '10001' }),
    ]);
    expect(values).toEqual({ 'accounts.vip-ids[0]': '10042' });
  });

  it('[precedence-merge] replaces a list of maps as a whole too', () => {
    const { values } = mergeSources([
      source('eu', { 'warehouses[0].name': 'Rotterdam' }),
      source('base', { 'warehouses[0].name': 'A', 'warehouses[0].capacity': 1, 'warehouses[1].name': 'B' }),
    ]);
    expect(values).toEqual({ 'warehouses[0].name': 'Rotterdam' });
  });

  it('[precedence-merge] records which source each winning property came from', () => {
    const { origins } = mergeSources([
      source('file:/repo/a-dev.yml', { 'x.list[0]': 1, 'x.y': 2 }),
      source('file:/repo/a.yml', { 'x.list[0]': 0, 'x.list[1]': 0, 'x.z': 3, 'x.y': 1 }),
    ]);
    expect(Object.fromEntries(origins)).toEqual({
      'x.list': 'file:/repo/a-dev.yml',
      'x.y': 'file:/repo/a-dev.yml',
      'x.z': 'file:/repo/a.yml',
    });
  });

  it('merges keys written differently (timeoutMs, timeout_ms, timeout-ms) as one property', () => {
    const { values } = mergeSources([source('only', { 'quotes.timeoutMs': 1, 'quotes.max_items': 2 })]);
    expect(values).toEqual({ 'quotes.timeout-ms': 1, 'quotes.max-items': 2 });
  });

  it('[precedence-merge] lets a camelCase key in a specific source beat the kebab-case key of a general one', () => {
    const { values } = mergeSources([
      source('specific', { 'quotes.timeoutMs': 1 }),
      source('general', { 'quotes.timeout-ms': 2 }),
    ]);
    expect(values).toEqual({ 'quotes.timeout-ms': 1 });
  });

  it('gives nothing for no sources', () => {
    expect(mergeSources([])).toEqual({ values: {}, origins: new Map() });
  });
});
