import { uniqueWord } from '../search-word';

describe('uniqueWord', () => {
  it('picks a prose word no other page has, ignoring code', () => {
    const target = 'The accountservice uses idempotent seeding.\n\n```ts\nconst transactional = 1;\n```\n';
    const others = ['Chapter two also has an accountservice.', 'seed data'];
    expect(uniqueWord(target, others)).toBe('idempotent');
  });

  it('is stem-safe and answers undefined when every word is shared', () => {
    expect(uniqueWord('Several commits', ['one commit'])).toBe('several');
    expect(uniqueWord('shared wording', ['Shared wording everywhere'])).toBeUndefined();
  });
});
