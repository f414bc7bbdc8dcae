import type { RequestHandler } from 'express';
import type { BreakerRegistry } from './registry';

/** GET /breakers: this instance's breakers (state, bulkhead use, rolling counts); what the aggregator polls. */
export function breakersHandler(registry: BreakerRegistry): RequestHandler {
  return (_req, res) => {
    res.json({ breakers: registry.snapshot() });
  };
}
