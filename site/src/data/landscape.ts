/**
 * The final landscape of DESIGN.md, and the chapter in which each part arrives. The architecture
 * page draws it (whole, and as it stands at the end of any chapter) from this one description.
 */

export type NodeKind = 'client' | 'service' | 'server';

export interface LandscapeNode {
  id: string;
  label: string;
  port?: string;
  kind: NodeKind;
  since: number;
}

export type LinkKind = 'http' | 'amqp' | 'config' | 'traces';

export interface LandscapeLink {
  from: string;
  to: string;
  label: string;
  kind: LinkKind;
  since: number;
  /** The last chapter the link exists in (the client talks to accountservice directly until the edge arrives). */
  until?: number;
}

export const NODES: LandscapeNode[] = [
  { id: 'client', label: 'client (curl, browser)', kind: 'client', since: 1 },
  { id: 'edge', label: 'edge', port: '8765', kind: 'service', since: 8 },
  { id: 'authserver', label: 'authserver', port: '9999', kind: 'service', since: 8 },
  { id: 'accountservice', label: 'accountservice', port: '6767', kind: 'service', since: 1 },
  { id: 'quotes', label: 'quotes-service', port: '8080', kind: 'service', since: 2 },
  { id: 'imageservice', label: 'imageservice', port: '7777', kind: 'service', since: 7 },
  { id: 'vipservice', label: 'vipservice', port: '6868', kind: 'service', since: 4 },
  { id: 'configserver', label: 'configserver', port: '8888', kind: 'server', since: 3 },
  { id: 'rabbitmq', label: 'RabbitMQ', port: '5672', kind: 'server', since: 4 },
  { id: 'zipkin', label: 'Zipkin', port: '9411', kind: 'server', since: 6 },
];

export const LINKS: LandscapeLink[] = [
  { from: 'client', to: 'accountservice', label: 'HTTP', kind: 'http', since: 1, until: 7 },
  { from: 'client', to: 'edge', label: 'HTTP + token', kind: 'http', since: 8 },
  { from: 'edge', to: 'authserver', label: 'OAuth2', kind: 'http', since: 8 },
  { from: 'edge', to: 'accountservice', label: 'HTTP /api/**, token relay', kind: 'http', since: 8 },
  { from: 'accountservice', to: 'quotes', label: 'HTTP', kind: 'http', since: 2 },
  { from: 'accountservice', to: 'imageservice', label: 'HTTP, breaker', kind: 'http', since: 7 },
  { from: 'accountservice', to: 'rabbitmq', label: 'AMQP: VIP message', kind: 'amqp', since: 4 },
  { from: 'rabbitmq', to: 'vipservice', label: 'AMQP', kind: 'amqp', since: 4 },
  { from: 'accountservice', to: 'configserver', label: 'config', kind: 'config', since: 3 },
  { from: 'quotes', to: 'configserver', label: 'config', kind: 'config', since: 3 },
  { from: 'vipservice', to: 'configserver', label: 'config', kind: 'config', since: 4 },
  { from: 'configserver', to: 'rabbitmq', label: 'refresh over the bus', kind: 'amqp', since: 4 },
  { from: 'accountservice', to: 'zipkin', label: 'traces', kind: 'traces', since: 6 },
  { from: 'vipservice', to: 'zipkin', label: 'traces', kind: 'traces', since: 6 },
  { from: 'quotes', to: 'zipkin', label: 'traces', kind: 'traces', since: 6 },
];

export interface ChapterPlan {
  number: number;
  slug: string;
  concern: string;
  adds: string;
}

/** DESIGN.md's chapter table: what each chapter adds to the landscape. */
export const CHAPTER_PLAN: ChapterPlan[] = [
  {
    number: 1,
    slug: '01-rest',
    concern: 'HTTP/REST, embedded store, health, tests',
    adds: 'accountservice with SQLite',
  },
  {
    number: 2,
    slug: '02-swarm',
    concern: 'containers, Docker Swarm, discovery + load balancing, footprint',
    adds: 'quotes-service; accountservice calls it by service name',
  },
  {
    number: 3,
    slug: '03-config',
    concern: 'centralized config (Spring Cloud Config protocol)',
    adds: 'configserver; every service fetches its config at start',
  },
  {
    number: 4,
    slug: '04-messaging',
    concern: 'AMQP messaging, config refresh over the bus',
    adds: 'RabbitMQ and the vipservice',
  },
  {
    number: 5,
    slug: '05-logging',
    concern: 'structured logging, correlation ids, log shipping',
    adds: 'a logging module in every service',
  },
  {
    number: 6,
    slug: '06-tracing',
    concern: 'distributed tracing across HTTP and AMQP',
    adds: 'Zipkin; every service exports traces',
  },
  {
    number: 7,
    slug: '07-breakers',
    concern: 'circuit breakers, fallbacks, retries, bulkheads',
    adds: 'imageservice behind a breaker',
  },
  {
    number: 8,
    slug: '08-security',
    concern: 'edge gateway, OAuth2, token relay, JWT',
    adds: 'edge and authserver in front of everything',
  },
  {
    number: 9,
    slug: '09-testing',
    concern: 'integration, contract and end-to-end tests',
    adds: 'tests against the real landscape',
  },
];

const LINK_ARROW: Record<LinkKind, string> = { http: '-->', amqp: '==>', config: '-.->', traces: '-.->' };
const LINK_COLOUR: Record<LinkKind, string> = {
  http: '#3178c6',
  amqp: '#e8710a',
  config: '#2e8555',
  traces: '#8e44ad',
};

function nodeText({ id, label, port, kind }: LandscapeNode): string {
  const text = port ? `${label}<br/><small>:${port}</small>` : label;
  if (kind === 'client') return `${id}(["${text}"])`;
  if (kind === 'server') return `${id}[("${text}")]`;
  return `${id}["${text}"]`;
}

/**
 * Mermaid text for the landscape at the end of `chapter` (9 or more: the final landscape).
 * With `showLater`, the parts still to come are drawn faded; otherwise they are left out.
 */
export function landscapeDiagram(chapter: number, showLater = false): string {
  const visible = (since: number, until = Infinity) => since <= chapter && chapter <= until;
  const nodes = NODES.filter((n) => showLater || visible(n.since));
  const links = LINKS.filter((l) => visible(l.since, l.until) || (showLater && l.since > chapter));
  // Top to bottom, every arrow from the caller to what it calls: the layout follows a request.
  const lines = ['flowchart TB', ...nodes.map((n) => `  ${nodeText(n)}`)];
  links.forEach((l) => lines.push(`  ${l.from} ${LINK_ARROW[l.kind]}|${l.label}| ${l.to}`));
  lines.push(
    '  classDef later fill:transparent,stroke:#aaa,stroke-dasharray:4 3,color:#999',
    '  classDef added stroke:#e8710a,stroke-width:3px',
  );
  const later = nodes.filter((n) => n.since > chapter).map((n) => n.id);
  const added = nodes.filter((n) => n.since === chapter && chapter > 1).map((n) => n.id);
  if (added.length) lines.push(`  class ${added.join(',')} added`);
  if (later.length) lines.push(`  class ${later.join(',')} later`);
  links.forEach((l, index) => {
    const style =
      l.since > chapter ? 'stroke:#ccc,stroke-dasharray:3 3' : `stroke:${LINK_COLOUR[l.kind]},stroke-width:2px`;
    lines.push(`  linkStyle ${index} ${style}`);
  });
  return lines.join('\n');
}
