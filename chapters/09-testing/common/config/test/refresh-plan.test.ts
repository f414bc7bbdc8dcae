import { planRefresh } from '../refresh';

const leaves = (entries: Record<string, unknown>) => new Map(Object.entries(entries));
const live = (key: string) => key.startsWith('quotes.') || key === 'accounts.vip-ids';

describe('planRefresh', () => {
  const applied = leaves({ 'server.port': 8080, 'quotes.language': 'en', 'accounts.vip-ids': ['10000'] });

  it('[refresh-diff] applies a changed live key and reports it as changed', () => {
    const plan = planRefresh({
      applied,
      next: leaves({ ...Object.fromEntries(applied), 'quotes.language': 'sv' }),
      isLive: live,
    });
    expect(plan.changed).toEqual(['quotes.language']);
    expect(plan.needsRestart).toEqual([]);
    expect(plan.leaves.get('quotes.language')).toBe('sv');
  });

  it('[refresh-diff] keeps a changed restart-only key at its old value and reports it as needing a restart', () => {
    const plan = planRefresh({
      applied,
      next: leaves({ ...Object.fromEntries(applied), 'server.port': 9090 }),
      isLive: live,
    });
    expect(plan.changed).toEqual([]);
    expect(plan.needsRestart).toEqual(['server.port']);
    expect(plan.leaves.get('server.port')).toBe(8080);
  });

  it('[refresh-diff] compares lists by their items and reports the list once', () => {
    const same = planRefresh({
      applied,
      next: leaves({ ...Object.fromEntries(applied), 'accounts.vip-ids': ['10000'] }),
      isLive: live,
    });
    expect(same.changed).toEqual([]);
    const grown = planRefresh({
      applied,
      next: leaves({ ...Object.fromEntries(applied), 'accounts.vip-ids': ['10000', '10042'] }),
      isLive: live,
    });
    expect(grown.changed).toEqual(['accounts.vip-ids']);
    expect(grown.leaves.get('accounts.vip-ids')).toEqual(['10000', '10042']);
  });

  it('[refresh-diff] handles keys that appear and disappear, sorted, both kinds at once', () => {
    const plan = planRefresh({
      applied,
      next: leaves({ 'server.port': 9090, 'quotes.strength': 4, 'accounts.vip-ids': ['10000'] }),
      isLive: live,
    });
    expect(plan.changed).toEqual(['quotes.language', 'quotes.strength']);
    expect(plan.needsRestart).toEqual(['server.port']);
    expect(plan.leaves.has('quotes.language')).toBe(false);
    expect(plan.leaves.get('quotes.strength')).toBe(4);
  });

  it('changes nothing when nothing changed', () => {
    const plan = planRefresh({ applied, next: new Map(applied), isLive: live });
    expect(plan).toEqual({ changed: [], needsRestart: [], leaves: applied });
  });

  it('does not touch the applied configuration it was given', () => {
    planRefresh({ applied, next: leaves({ 'quotes.language': 'de' }), isLive: live });
    expect(applied.get('quotes.language')).toBe('en');
  });
});
