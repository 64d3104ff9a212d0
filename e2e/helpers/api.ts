// Calls to the real API from inside a signed-in browser page (its session cookie and CSRF
// token), for setting up data a browser test is not about.
import type { Page } from 'playwright-core';

export type PageApi = <T = any>(method: string, url: string, body?: unknown) => Promise<{ status: number; body: T }>;

export function pageApi(page: Page): PageApi {
  return (method, url, body) =>
    page.evaluate(
      async ({ method, url, body }) => {
        const me = (await (await fetch('/api/v1/auth/me', { credentials: 'same-origin' })).json()) as { csrfToken: string };
        const res = await fetch(url, {
          method,
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, 'accept-language': 'zh-CN' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        return { status: res.status, body: text ? JSON.parse(text) : null };
      },
      { method, url, body },
    );
}

/** A POST that moves money or seats: like pageApi, with a fresh Idempotency-Key per call. */
export function pageIdempotentPost(page: Page): (url: string, body: unknown) => Promise<{ status: number; body: any }> {
  return (url, body) =>
    page.evaluate(
      async ({ url, body, key }) => {
        const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, 'idempotency-key': key }, body: JSON.stringify(body) });
        return { status: res.status, body: await res.json() };
      },
      { url, body, key: crypto.randomUUID() },
    );
}
