import { RecentVips } from '../src/recent-vips';

const vip = (accountId: string) => ({ accountId, readAt: 'r', receivedAt: 'x', servedBy: 'me' });

describe('RecentVips', () => {
  it('lists the latest first and forgets beyond its limit', () => {
    const recent = new RecentVips(() => 2);
    expect(recent.list()).toEqual([]);
    recent.add(vip('1'));
    recent.add(vip('2'));
    recent.add(vip('3'));
    expect(recent.list().map((v) => v.accountId)).toEqual(['3', '2']);
  });

  it('hands out a copy', () => {
    const recent = new RecentVips(() => 5);
    recent.add(vip('1'));
    recent.list().pop();
    expect(recent.list()).toHaveLength(1);
  });

  it('follows a limit that changes while it runs (a refreshed vip.recent-limit)', () => {
    let limit = 3;
    const recent = new RecentVips(() => limit);
    for (const id of ['1', '2', '3']) recent.add(vip(id));
    limit = 1;
    expect(recent.list().map((v) => v.accountId)).toEqual(['3']);
    limit = 5;
    recent.add(vip('4'));
    recent.add(vip('5'));
    expect(recent.list().map((v) => v.accountId)).toEqual(['5', '4', '3']);
  });
});
