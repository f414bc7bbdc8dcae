import { changedPaths, serviceNamesFor } from '../src/bus/monitor';

describe('/monitor webhooks', () => {
  it('guesses the services a changed file configures (PropertyPathEndpoint.guessServiceName)', () => {
    expect(serviceNamesFor('accountservice.yml')).toEqual(['accountservice']);
    expect(serviceNamesFor('config-repo/accountservice-dev.yml')).toEqual(['accountservice:dev', 'accountservice-dev']);
    expect(serviceNamesFor('quotes-service.yml')).toEqual(['quotes:service', 'quotes-service']);
    expect(serviceNamesFor('application.yml')).toEqual(['*']);
    expect(serviceNamesFor('application-dev.yml')).toEqual(['*:dev']);
  });

  it('finds changed files in a form/JSON path or a push payload', () => {
    expect(changedPaths({ path: 'accountservice.yml' })).toEqual(['accountservice.yml']);
    expect(changedPaths({ path: ['a.yml', 'b.yml'] })).toEqual(['a.yml', 'b.yml']);
    expect(
      changedPaths({ commits: [{ modified: ['accountservice.yml'], added: ['x.yml'] }, { removed: ['x.yml'] }] }),
    ).toEqual(['x.yml', 'accountservice.yml']);
    expect(changedPaths('nonsense')).toEqual([]);
  });
});
