import type { RequestHandler } from 'express';
import { sendError } from '../../common/http';
import type { Quote } from './model';
import { pickQuote } from './quotes';
import { withSpan } from '../../common/tracing';
import { MAX_STRENGTH, burnCpu } from './burn-cpu';

export interface HandlerDeps {
  ipAddress: string;
  /** The language quotes are tagged with, read on every answer so a refresh takes effect. Default 'en'. */
  language?: () => string;
  random?: () => number;
}

export type Handlers = ReturnType<typeof makeHandlers>;

/** `strength` is optional (default 0) and, when given, one of 0…MAX_STRENGTH written in digits. */
const STRENGTH_PATTERN = /^\d{1,2}$/;

export function makeHandlers({ ipAddress, random, language = () => 'en' }: HandlerDeps) {
  const getQuote: RequestHandler = async (req, res) => {
    const raw = req.query.strength ?? '0';
    const strength = typeof raw === 'string' && STRENGTH_PATTERN.test(raw) ? Number(raw) : NaN;
    if (!(strength <= MAX_STRENGTH)) {
      sendError(res, 400, 'INVALID_STRENGTH', `strength is a whole number from 0 to ${MAX_STRENGTH}, e.g. ?strength=4`);
      return;
    }
    // Chapter 06: the CPU burnt is a span of its own, so a slow quote stands out in the waterfall.
    await withSpan('quote.burn-cpu', { 'quote.strength': strength }, () => burnCpu(strength));
    const body: Quote = { quote: pickQuote(random), ipAddress, language: language() };
    res.json(body);
  };

  const health: RequestHandler = (_req, res) => {
    res.json({ status: 'UP' });
  };

  return { getQuote, health };
}
