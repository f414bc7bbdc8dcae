import type { RequestHandler } from 'express';
import { sendError } from '../../common/http';
import { MAX_SIZE, checksum, renderFiltered } from './filters';
import { ACCOUNT_ID_PATTERN, FILTERS, type FilterName, imageFor, isKnownAccount } from './images';

export interface HandlerDeps {
  /** Where this service is reached from outside, for the image URLs (image.base-url). */
  baseUrl: () => string;
  servedBy: string;
}

export type Handlers = ReturnType<typeof makeHandlers>;

const SIZE_PATTERN = /^\d{1,4}$/;

export function makeHandlers({ baseUrl, servedBy }: HandlerDeps) {
  /** Checks the id; answers 400/404 and returns false when it is not a known account. */
  const knownAccount = (id: string, res: Parameters<RequestHandler>[1]): boolean => {
    if (!ACCOUNT_ID_PATTERN.test(id)) {
      sendError(res, 400, 'INVALID_ACCOUNT_ID', 'An account id is 1 to 20 decimal digits, e.g. 10000');
      return false;
    }
    if (!isKnownAccount(id)) {
      sendError(res, 404, 'ACCOUNT_NOT_FOUND', `No image for account ${id}`);
      return false;
    }
    return true;
  };

  const accountImage: RequestHandler<{ accountId: string }> = (req, res) => {
    const { accountId } = req.params;
    if (knownAccount(accountId, res)) res.json(imageFor(accountId, baseUrl(), servedBy));
  };

  const filtered: RequestHandler<{ id: string }> = (req, res) => {
    const { id } = req.params;
    if (!knownAccount(id, res)) return;
    const filter = req.query.filter ?? 'grayscale';
    if (typeof filter !== 'string' || !(FILTERS as readonly string[]).includes(filter)) {
      sendError(res, 400, 'INVALID_FILTER', `filter is one of ${FILTERS.join(', ')}`);
      return;
    }
    const rawSize = req.query.size ?? '128';
    const size = typeof rawSize === 'string' && SIZE_PATTERN.test(rawSize) ? Number(rawSize) : NaN;
    if (!(size >= 1 && size <= MAX_SIZE)) {
      sendError(res, 400, 'INVALID_SIZE', `size is a whole number from 1 to ${MAX_SIZE}, e.g. ?size=256`);
      return;
    }
    const started = performance.now();
    const pixels = renderFiltered(Number(id), size, filter as FilterName);
    const ms = Math.round((performance.now() - started) * 10) / 10;
    res.json({ id, filter, size, pixels: size * size, checksum: checksum(pixels), ms, servedBy });
  };

  const health: RequestHandler = (_req, res) => {
    res.json({ status: 'UP' });
  };

  return { accountImage, filtered, health };
}
