import { ConfigError, loadConfig } from '../src/config';
import { instanceAddress } from '../../common/http';

describe('quotes-service configuration', () => {
  it('defaults to port 8080 on every interface and no instance name', () => {
    expect(loadConfig({})).toEqual({ host: '0.0.0.0', port: 8080, instance: undefined, shutdownDrainMs: 0 });
  });

  it('reads HOST, PORT and INSTANCE', () => {
    expect(loadConfig({ HOST: '127.0.0.1', PORT: '9090', INSTANCE: '2' })).toEqual({
      host: '127.0.0.1',
      port: 9090,
      instance: '2',
      shutdownDrainMs: 0,
    });
  });

  it('reads SHUTDOWN_DRAIN_MS and refuses a negative one', () => {
    expect(loadConfig({ SHUTDOWN_DRAIN_MS: '6000' }).shutdownDrainMs).toBe(6000);
    expect(() => loadConfig({ SHUTDOWN_DRAIN_MS: '-1' })).toThrow(/SHUTDOWN_DRAIN_MS="-1"/);
  });

  it('refuses a HOST that is not an IP address, naming it', () => {
    expect(() => loadConfig({ HOST: 'my laptop' })).toThrow(/HOST="my laptop": an IP address to bind/);
  });

  it('refuses a bad PORT and INSTANCE, naming both', () => {
    const attempt = () => loadConfig({ PORT: 'x', INSTANCE: 'no spaces please' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT="x"[\s\S]*INSTANCE="no spaces please"/);
  });
});

describe('instanceAddress', () => {
  it('is an address, with the instance name appended when there is one', () => {
    const plain = instanceAddress();
    expect(plain).not.toBe('');
    expect(instanceAddress('3')).toBe(`${plain}#3`);
  });
});
