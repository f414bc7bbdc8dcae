import { LogLevelError, NamedLoggers, levelsFromConfig } from '..';
import { captureLogger } from './capture';

function loggers() {
  const captured = captureLogger({ level: 'info' });
  return { captured, named: new NamedLoggers(captured.logger, 'accountservice') };
}

describe('[live-levels] levels from logging.level.* keys', () => {
  it('reads Spring level names in any case, OFF meaning silent, and ignores other keys', () => {
    const levels = levelsFromConfig({
      'logging.level.root': 'INFO',
      'logging.level.accountservice': 'debug',
      'logging.level.amqp': ' Warn ',
      'logging.level.http-client': 'OFF',
      'logging.level.': 'debug',
      'server.port': 6767,
    });
    expect([...levels]).toEqual([
      ['root', 'info'],
      ['accountservice', 'debug'],
      ['amqp', 'warn'],
      ['http-client', 'silent'],
    ]);
  });

  it('takes a Map as well', () => {
    expect(levelsFromConfig(new Map([['logging.level.root', 'error']])).get('root')).toBe('error');
  });

  it('refuses a value that is not a level, naming the key', () => {
    expect(() => levelsFromConfig({ 'logging.level.amqp': 'loud' })).toThrow(LogLevelError);
    expect(() => levelsFromConfig({ 'logging.level.amqp': 'loud' })).toThrow(
      /^logging\.level\.amqp: "loud" is not a level/,
    );
  });
});

describe('[live-levels] applying levels while the service runs', () => {
  it('turns debug lines on and off again without a new logger', () => {
    const { captured, named } = loggers();
    const root = named.root;
    root.debug('hidden 1');
    expect(named.applyLevels({ 'logging.level.accountservice': 'debug' })).toEqual([
      { logger: 'root', from: 'info', to: 'debug' },
    ]);
    root.debug('shown');
    expect(named.applyLevels({ 'logging.level.root': 'info' })).toEqual([
      { logger: 'root', from: 'debug', to: 'info' },
    ]);
    root.debug('hidden 2');
    expect(captured.lines().map((l) => l.msg)).toEqual(['shown']);
  });

  it('gives named loggers their own level, else the root one, and reports only what changed', () => {
    const { captured, named } = loggers();
    const amqp = named.get('amqp');
    const http = named.get('http-client');
    expect(named.get('amqp')).toBe(amqp);
    const changes = named.applyLevels({ 'logging.level.root': 'debug', 'logging.level.amqp': 'warn' });
    expect(changes).toEqual([
      { logger: 'root', from: 'info', to: 'debug' },
      { logger: 'amqp', from: 'info', to: 'warn' },
      { logger: 'http-client', from: 'info', to: 'debug' },
    ]);
    amqp.info('amqp info');
    amqp.warn('amqp warn');
    http.debug('http debug');
    const later = named.get('late');
    later.debug('late debug');
    expect(captured.lines().map((l) => [l.logger, l.msg])).toEqual([
      ['amqp', 'amqp warn'],
      ['http-client', 'http debug'],
      ['late', 'late debug'],
    ]);
    expect(named.applyLevels({ 'logging.level.root': 'debug', 'logging.level.amqp': 'warn' })).toEqual([]);
    // The key removed from config: amqp follows the root again.
    expect(named.applyLevels({ 'logging.level.root': 'debug' })).toEqual([
      { logger: 'amqp', from: 'warn', to: 'debug' },
    ]);
  });

  it('falls back to the level the logger started with when config names none', () => {
    const captured = captureLogger({ level: 'warn' });
    const named = new NamedLoggers(captured.logger, 'accountservice');
    named.applyLevels({ 'logging.level.root': 'debug' });
    expect(named.applyLevels({})).toEqual([{ logger: 'root', from: 'debug', to: 'warn' }]);
  });

  it('changes nothing when one value is bad', () => {
    const { named } = loggers();
    const amqp = named.get('amqp');
    expect(() => named.applyLevels({ 'logging.level.root': 'debug', 'logging.level.amqp': 'chatty' })).toThrow(
      /logging\.level\.amqp/,
    );
    expect([named.root.level, amqp.level]).toEqual(['info', 'info']);
  });
});
