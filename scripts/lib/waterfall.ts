import { pc, serviceColour } from './ui';

/** A span as Zipkin's v2 API answers it (GET /api/v2/trace/{traceId}): the fields a waterfall needs. */
export interface ZipkinSpan {
  traceId: string;
  id: string;
  parentId?: string;
  name?: string;
  kind?: 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';
  /** Epoch microseconds. */
  timestamp?: number;
  /** Microseconds. */
  duration?: number;
  localEndpoint?: { serviceName?: string };
  annotations?: { timestamp: number; value: string }[];
  tags?: Record<string, string>;
}

interface Node {
  span: ZipkinSpan;
  children: Node[];
  /** Leaf Express middleware spans folded into their parent's line. */
  folded: number;
}

export interface WaterfallOptions {
  /** Characters of the time line. */
  width?: number;
  /** Tags worth printing beside a span's name. */
  tags?: readonly string[];
}

const DEFAULT_TAGS = ['quote.strength', 'error'];

export const serviceOf = (span: ZipkinSpan) => span.localEndpoint?.serviceName ?? '?';
const start = (span: ZipkinSpan) => span.timestamp ?? 0;
const end = (span: ZipkinSpan) => start(span) + (span.duration ?? 0);
const isMiddleware = (node: Node) => node.span.tags?.['express.type'] === 'middleware' && node.children.length === 0;

/** The services of a trace, in the order their first span started. */
export function servicesOf(spans: readonly ZipkinSpan[]): string[] {
  return [...new Set([...spans].sort((a, b) => start(a) - start(b)).map(serviceOf))];
}

/** The span tree: a span whose parent is not in the trace (a caller outside it, or none) is a root. */
function buildTree(spans: readonly ZipkinSpan[]): Node[] {
  const nodes = new Map(spans.map((span) => [span.id, { span, children: [] as Node[], folded: 0 }]));
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.span.parentId === undefined ? undefined : nodes.get(node.span.parentId);
    (parent && parent !== node ? parent.children : roots).push(node);
  }
  const order = (list: Node[]) => list.sort((a, b) => start(a.span) - start(b.span));
  for (const node of nodes.values()) {
    order(node.children);
    node.folded = node.children.filter(isMiddleware).length;
    node.children = node.children.filter((child) => !isMiddleware(child));
  }
  return order(roots);
}

export function formatMs(us: number): string {
  return `${(us / 1000).toFixed(1)} ms`;
}

/**
 * A trace as a waterfall for the terminal, one line per span: its bar on the trace's time line,
 * its duration, its service, and its name indented under its parent. Express's middleware spans
 * (leaves, many per request) are counted on their parent's line instead of printed.
 */
export function waterfall(spans: readonly ZipkinSpan[], { width = 32, tags = DEFAULT_TAGS }: WaterfallOptions = {}) {
  if (spans.length === 0) return [];
  const t0 = Math.min(...spans.map(start));
  const total = Math.max(1, Math.max(...spans.map(end)) - t0);
  const services = servicesOf(spans);
  const serviceWidth = Math.max(...services.map((s) => s.length));
  const lines: string[] = [];

  const bar = (span: ZipkinSpan) => {
    const from = Math.min(width - 1, Math.floor(((start(span) - t0) / total) * width));
    const length = Math.max(1, Math.min(width - from, Math.round(((span.duration ?? 0) / total) * width)));
    const colour = serviceColour(services.indexOf(serviceOf(span)));
    return `▕${' '.repeat(from)}${colour('█'.repeat(length))}${' '.repeat(width - from - length)}▏`;
  };
  const label = (node: Node) => {
    const { span } = node;
    const extras = [
      span.kind ? pc.dim(span.kind.toLowerCase()) : '',
      ...tags.filter((t) => span.tags?.[t] !== undefined).map((t) => `${t}=${span.tags?.[t]}`),
      ...(span.annotations ?? []).map((a) => pc.yellow(`◆ ${a.value.slice(0, 48)}`)),
      node.folded ? pc.dim(`+${node.folded} middleware`) : '',
    ].filter(Boolean);
    return [span.name ?? '(unnamed)', ...extras].join('  ');
  };
  const visit = (node: Node, prefix: string, branch: string) => {
    const service = serviceOf(node.span);
    const colour = serviceColour(services.indexOf(service));
    lines.push(
      `${bar(node.span)} ${formatMs(node.span.duration ?? 0).padStart(9)}  ${colour(service.padEnd(serviceWidth))}  ${prefix}${branch}${label(node)}`,
    );
    const childPrefix = prefix + (branch === '├─ ' ? '│  ' : branch === '└─ ' ? '   ' : '');
    node.children.forEach((child, i) => visit(child, childPrefix, i === node.children.length - 1 ? '└─ ' : '├─ '));
  };
  for (const root of buildTree(spans)) visit(root, '', '');
  return lines;
}

/** How long the trace took from its first span's start to its last span's end, in microseconds. */
export function traceDuration(spans: readonly ZipkinSpan[]): number {
  return spans.length ? Math.max(...spans.map(end)) - Math.min(...spans.map(start)) : 0;
}

/**
 * Where the time went: the longest span that has no children of its own (a parent's time is its
 * children's plus a little), Express's middleware aside.
 */
export function slowestLeaf(spans: readonly ZipkinSpan[]): ZipkinSpan | undefined {
  const parents = new Set(spans.map((s) => s.parentId));
  return spans
    .filter((s) => !parents.has(s.id) && s.tags?.['express.type'] !== 'middleware')
    .reduce<ZipkinSpan | undefined>(
      (slowest, s) => ((s.duration ?? 0) > (slowest?.duration ?? -1) ? s : slowest),
      undefined,
    );
}
