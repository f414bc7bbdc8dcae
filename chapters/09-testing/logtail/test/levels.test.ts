import { normaliseLevel } from '../src/levels';

describe('normaliseLevel', () => {
  it.each([
    [10, 'trace'],
    [20, 'debug'],
    [30, 'info'],
    [40, 'warn'],
    [50, 'error'],
    [60, 'fatal'],
    [35, 'info'],
  ])('reads pino level %p as %p', (value, name) => {
    expect(normaliseLevel(value)).toBe(name);
  });

  it.each([
    [0, 'fatal'],
    [2, 'fatal'],
    [3, 'error'],
    [4, 'warn'],
    [5, 'info'],
    [6, 'info'],
    [7, 'debug'],
  ])('reads syslog severity %p (GELF level) as %p', (value, name) => {
    expect(normaliseLevel(value)).toBe(name);
  });

  it.each([
    ['WARN', 'warn'],
    ['warning', 'warn'],
    ['err', 'error'],
    ['Critical', 'fatal'],
    ['notice', 'info'],
    ['40', 'warn'],
  ])('reads the name %p as %p', (value, name) => {
    expect(normaliseLevel(value)).toBe(name);
  });

  it.each([8, 9, -1, 2.5, 'loud', '', null, undefined, {}])('says nothing for %p', (value) => {
    expect(normaliseLevel(value)).toBeUndefined();
  });
});
