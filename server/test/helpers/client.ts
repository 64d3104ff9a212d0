import type { FastifyInstance, InjectOptions } from 'fastify';

function rnd(): number {
  return 1 + Math.floor(Math.random() * 250);
}

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * A signed-in (or anonymous) HTTP client over Fastify's inject: real routing, hooks,
 * validation and serialisation, no port. Keeps the session cookie and sends the CSRF token.
 */
export class TestClient {
  cookie: string | null = null;
  csrf: string | null = null;
  locale = 'zh-CN';
  bearer: string | null = null;
  storeId: string | null = null;
  me: any = null;
  /** Each client comes from its own address, as real front-desk PCs do (rate limits are per IP). */
  remoteAddress = `10.${rnd()}.${rnd()}.${rnd()}`;

  constructor(readonly app: FastifyInstance) {}

  async request<T = any>(method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse<T>> {
    const h: Record<string, string> = { 'accept-language': this.locale, ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    if (this.storeId) h['x-store-id'] = this.storeId;
    const res = await this.app.inject({ method, url, headers: h, remoteAddress: this.remoteAddress, ...(body !== undefined ? { payload: body as object } : {}) });
    const setCookie = res.headers['set-cookie'];
    for (const c of [setCookie].flat()) {
      // Staff (tessera_sid) or member portal (tessera_member) session: the client holds one.
      const m = typeof c === 'string' ? /^(tessera_sid|tessera_member)=([^;]*)/.exec(c) : null;
      if (m) this.cookie = m[2] ? `${m[1]}=${m[2]}` : null;
    }
    let parsed: any = undefined;
    try {
      parsed = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.statusCode, body: parsed, headers: res.headers as TestResponse['headers'], text: res.body };
  }

  get<T = any>(url: string, headers?: Record<string, string>) {
    return this.request<T>('GET', url, undefined, headers);
  }
  post<T = any>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', url, body ?? {}, headers);
  }
  patch<T = any>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', url, body ?? {}, headers);
  }
  put<T = any>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', url, body ?? {}, headers);
  }
  delete<T = any>(url: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', url, undefined, headers);
  }

  private credentials: [string, string, string] | null = null;

  /**
   * Sign in again with the last credentials (e.g. after the test clock moved past the session
   * lifetime). The login rate limit counts real minutes, not the test clock, so a test that
   * relogs often would hit it: each relogin comes from a fresh address, and failing is loud.
   */
  async relogin(): Promise<TestResponse> {
    if (!this.credentials) throw new Error('never signed in');
    this.remoteAddress = `10.${rnd()}.${rnd()}.${rnd()}`;
    const r = await this.login(...this.credentials);
    if (r.status !== 200) throw new Error(`relogin failed: ${r.status} ${r.text}`);
    return r;
  }

  async login(tenantCode: string, login: string, password: string): Promise<TestResponse> {
    this.credentials = [tenantCode, login, password];
    const r = await this.post('/api/v1/auth/login', { tenantCode, login, password });
    if (r.status === 200) {
      this.csrf = r.body.csrfToken;
      this.me = r.body;
    }
    return r;
  }
}
