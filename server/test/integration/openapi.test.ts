import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env';

/**
 * The OpenAPI document is the contract integrators and the console's typed client are built
 * from: every registered route must be in it with its error responses, and the committed client
 * types (web/src/api/schema.d.ts) must be what the generator produces from it today.
 */

type Json = Record<string, any>;

const SCHEMA_FILE = fileURLToPath(new URL('../../../web/src/api/schema.d.ts', import.meta.url));
// A variable specifier: the generator is plain ESM without type declarations.
const GENERATOR = new URL('../../../scripts/gen-api-types.mjs', import.meta.url).href;

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

function toOpenApiPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}');
}

function operations(doc: Json): { path: string; method: string; op: Json }[] {
  const out: { path: string; method: string; op: Json }[] = [];
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of METHODS) if (item[method]) out.push({ path, method, op: item[method] });
  }
  return out;
}

function isErrorEnvelope(response: Json | undefined): boolean {
  const schema = response?.content?.['application/json']?.schema;
  const error = schema?.properties?.error;
  return !!error && ['code', 'message', 'details', 'requestId'].every((k) => k in (error.properties ?? {}));
}

describeEachDb('OpenAPI document', (use) => {
  describe('happy: the document', () => {
    it('is OpenAPI 3.1 with the API title, version and both security schemes', () => {
      const doc = use().app.swagger() as Json;
      expect(doc.openapi).toMatch(/^3\.1\./);
      expect(doc.info.title).toBe('Tessera API');
      expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'session']);
    });

    it('lists every registered /api/v1 route with its method, and nothing else', () => {
      const { app } = use();
      const doc = app.swagger() as Json;
      const documented = new Set(operations(doc).map((o) => `${o.method.toUpperCase()} ${o.path}`));
      const registered = app.tessera.routes.map((r) => `${r.method} ${toOpenApiPath(r.url)}`);
      expect(registered.length).toBeGreaterThan(20);
      const missing = registered.filter((r) => !documented.has(r));
      expect(missing, 'routes missing from the OpenAPI document (tagless routes are hidden)').toEqual([]);
      const extra = [...documented].filter((d) => !registered.includes(d));
      expect(extra, 'operations in the document that are not registered /api/v1 routes').toEqual([]);
    });

    it('is served at /api/openapi.json without signing in', async () => {
      const { app } = use();
      const res = await use().client().get('/api/openapi.json');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toBe((app.swagger() as Json).openapi);
      expect(Object.keys(res.body.paths).sort()).toEqual(Object.keys((app.swagger() as Json).paths).sort());
    });
  });

  describe('error: every operation documents how it fails', () => {
    it('documents 500 with the error envelope on every operation', () => {
      const doc = use().app.swagger() as Json;
      const without = operations(doc)
        .filter((o) => !isErrorEnvelope(o.op.responses?.['500']))
        .map((o) => `${o.method.toUpperCase()} ${o.path}`);
      expect(without).toEqual([]);
    });

    it('documents 400 where there is input, 404 where there are path ids, 409 where retries are keyed', () => {
      const { app } = use();
      const doc = app.swagger() as Json;
      const problems: string[] = [];
      for (const route of app.tessera.routes) {
        const path = toOpenApiPath(route.url);
        const op = doc.paths[path]?.[route.method.toLowerCase()] as Json | undefined;
        if (!op) continue; // reported by the coverage test above
        const name = `${route.method} ${path}`;
        const responses: Json = op.responses ?? {};
        const hasInput = !!op.requestBody || (op.parameters ?? []).length > 0;
        if (hasInput && !isErrorEnvelope(responses['400'])) problems.push(`${name}: no 400 for its input`);
        if (path.includes('{') && !isErrorEnvelope(responses['404'])) problems.push(`${name}: no 404 for its path id`);
        if (route.idempotent && !isErrorEnvelope(responses['409'])) problems.push(`${name}: no 409 for a reused Idempotency-Key`);
        for (const [status, response] of Object.entries<Json>(responses)) {
          if (Number(status) >= 400 && !isErrorEnvelope(response)) problems.push(`${name}: ${status} is not the error envelope`);
        }
      }
      expect(problems).toEqual([]);
    });
  });

  describe('security: routes that need a caller say how they refuse one', () => {
    it('documents 401 and 403 on every non-public operation', () => {
      const { app } = use();
      const doc = app.swagger() as Json;
      const problems = app.tessera.routes
        .filter((r) => r.permission !== 'public')
        .filter((r) => {
          const op = doc.paths[toOpenApiPath(r.url)]?.[r.method.toLowerCase()] as Json | undefined;
          return !op || !isErrorEnvelope(op.responses?.['401']) || !isErrorEnvelope(op.responses?.['403']);
        })
        .map((r) => `${r.method} ${r.url}`);
      expect(problems).toEqual([]);
    });

    it('does not publish internal endpoints (health checks, the document itself)', () => {
      const doc = use().app.swagger() as Json;
      expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/v1/'))).toEqual([]);
    });
  });

  describe('generated client types', () => {
    it('web/src/api/schema.d.ts is what scripts/gen-api-types.mjs produces now', async () => {
      const { renderApiTypes } = (await import(/* @vite-ignore */ GENERATOR)) as { renderApiTypes(doc: unknown): Promise<string> };
      const expected = await renderApiTypes(use().app.swagger());
      let committed = '';
      try {
        committed = readFileSync(SCHEMA_FILE, 'utf8');
      } catch {
        committed = '';
      }
      // Compared as a boolean first so a stale file fails with the instruction, not a 5,000-line diff.
      expect(committed === expected, 'web/src/api/schema.d.ts is stale: run npm run gen:api').toBe(true);
    });
  });
});
