import { dockerBuildArgs } from '../images';
import { minimalTag } from '../minimal-image';

const quotes = { name: 'quotes-service', port: 8080, image: 'local/quotes-service:ch02-ci' };

describe('the docker build command line', () => {
  it('builds the chapter Dockerfile on the given base, the context last', () => {
    expect(dockerBuildArgs(quotes, 'local/node-base:24')).toEqual([
      'build',
      '--build-arg',
      'SERVICE=quotes-service',
      '--build-arg',
      'PORT=8080',
      '--build-arg',
      'BASE_IMAGE=local/node-base:24',
      '-t',
      'local/quotes-service:ch02-ci',
    ]);
  });

  it('names another Dockerfile with -f, right after build', () => {
    const args = dockerBuildArgs({ ...quotes, image: minimalTag(quotes.image) }, undefined, 'Dockerfile.minimal');
    expect(args.slice(0, 3)).toEqual(['build', '-f', 'Dockerfile.minimal']);
    expect(args.at(-1)).toBe('local/quotes-service:ch02-minimal');
  });

  it('tags the minimal image beside the regular one, whatever the registry host:port', () => {
    expect(minimalTag('registry.local:5000/quotes-service:ch02-ci')).toBe(
      'registry.local:5000/quotes-service:ch02-minimal',
    );
  });
});
