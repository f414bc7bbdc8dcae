import { LINKS, NODES, landscapeDiagram } from '../../src/data/landscape';

describe('the landscape diagram', () => {
  it('draws the final landscape with every service of DESIGN.md', () => {
    const final = landscapeDiagram(99);
    for (const label of [
      'accountservice',
      'quotes-service',
      'vipservice',
      'imageservice',
      'configserver',
      'edge',
      'authserver',
      'RabbitMQ',
      'Zipkin',
    ]) {
      expect(final).toContain(label);
    }
    expect(final).not.toContain('class ');
    expect(final.match(/linkStyle/g)).toHaveLength(LINKS.filter((l) => l.until === undefined).length);
  });

  it('at chapter 1 has only the client and the accountservice, unless later parts are asked for', () => {
    const first = landscapeDiagram(1);
    expect(first).toContain('accountservice');
    expect(first).not.toContain('quotes');
    const withLater = landscapeDiagram(1, true);
    expect(withLater).toContain(
      `class ${NODES.filter((n) => n.since > 1)
        .map((n) => n.id)
        .join(',')} later`,
    );
  });

  it('marks what a chapter adds and routes the client through the edge once it exists', () => {
    expect(landscapeDiagram(4)).toContain('class vipservice,rabbitmq added');
    expect(landscapeDiagram(7)).toContain('client -->|HTTP| accountservice');
    expect(landscapeDiagram(8)).not.toContain('client -->|HTTP| accountservice');
    expect(landscapeDiagram(8)).toContain('client -->|HTTP + token| edge');
  });
});
