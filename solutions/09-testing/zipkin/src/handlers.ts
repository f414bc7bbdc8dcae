import type { RequestHandler } from 'express';
import { sendError } from '../../common/http';
import { ListOfSpansSchema, describeProblem } from './span';
import type { SpanStore } from './span-store';
import { parseTraceQuery } from './trace-query';
import { renderPage } from './ui/page';

export interface HandlerDeps {
  store: SpanStore;
}

export type Handlers = ReturnType<typeof makeHandlers>;

const TRACE_ID = /^[a-f0-9]{16,32}$/i;

export function makeHandlers({ store }: HandlerDeps) {
  /** POST /api/v2/spans: JSON (gzip or not, parsed by express.json in app.ts) → 202, or 400 saying why. */
  const postSpans: RequestHandler = (req, res) => {
    if (!req.is('application/json')) {
      sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send spans as application/json (a JSON array of Zipkin v2 spans)');
      return;
    }
    const parsed = ListOfSpansSchema.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 400, 'MALFORMED_SPANS', `Not a list of Zipkin v2 spans: ${describeProblem(parsed.error)}`);
      return;
    }
    store.add(parsed.data);
    res.status(202).end();
  };

  const services: RequestHandler = (_req, res) => {
    res.json(store.services());
  };

  const spanNames: RequestHandler = (req, res) => {
    const { serviceName } = req.query;
    if (typeof serviceName !== 'string' || serviceName === '') {
      sendError(res, 400, 'BAD_REQUEST', 'serviceName is required, e.g. /api/v2/spans?serviceName=accountservice');
      return;
    }
    res.json(store.spanNames(serviceName));
  };

  const traces: RequestHandler = (req, res) => {
    let query;
    try {
      query = parseTraceQuery(req.query);
    } catch (err) {
      sendError(res, 400, 'BAD_REQUEST', (err as Error).message);
      return;
    }
    res.json(store.query(query));
  };

  const trace: RequestHandler<{ traceId: string }> = (req, res) => {
    const { traceId } = req.params;
    if (!TRACE_ID.test(traceId)) {
      sendError(res, 400, 'BAD_REQUEST', `traceId must be 16 or 32 hex characters, got "${traceId}"`);
      return;
    }
    const spans = store.trace(traceId);
    if (!spans) {
      sendError(res, 404, 'TRACE_NOT_FOUND', `No trace ${traceId.toLowerCase()} (never received, or evicted)`);
      return;
    }
    res.json(spans);
  };

  const health: RequestHandler = (_req, res) => {
    res.json({ status: 'UP', ...store.stats() });
  };

  const page: RequestHandler = (_req, res) => {
    res.type('html').send(renderPage());
  };

  return { postSpans, services, spanNames, traces, trace, health, page };
}
