/**
 * Helpers for each chapter's end-to-end "test-em-all" check (after Magnus Larsson's script):
 * real HTTP against the running landscape; a failure prints the request and the whole response.
 */
export interface Exchange {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export async function call(method: string, url: string, init: RequestInit = {}): Promise<Exchange> {
  const response = await fetch(url, { ...init, method, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the raw text
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** Calls and asserts the status; on mismatch the error shows the command and what came back. */
export async function expectStatus(method: string, url: string, status: number, init?: RequestInit): Promise<Exchange> {
  const exchange = await call(method, url, init);
  if (exchange.status !== status) {
    throw new Error(
      `Expected HTTP ${status} from:\n  curl -s -X ${method} ${url}\nbut got HTTP ${exchange.status}:\n  ${exchange.text.slice(0, 2000)}`,
    );
  }
  return exchange;
}
