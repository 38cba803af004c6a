import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from './support/test-server';

type Link = { operationId: string; parameters?: Record<string, string> };
type Operation = {
  operationId?: string;
  tags?: string[];
  description?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string }>;
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }>; links?: Record<string, Link> }>;
};
type Spec = { paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, unknown> } };

const committed = JSON.parse(readFileSync(path.resolve(__dirname, '../../../openapi/openapi.json'), 'utf8')) as Spec;
const operations = Object.entries(committed.paths).flatMap(([route, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ route, method, operation })),
);
const PUBLIC_OPERATIONS = new Set(['signIn', 'refreshToken', 'logout', 'verifyToken', 'registerUser']);

describe('the OpenAPI contract', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('When a client fetches /api/v1/openapi.json, then it gets the committed spec', async () => {
    const res = await server.http.get('/api/v1/openapi.json').expect(200);
    expect(res.body).toEqual(committed);
  });

  it('Every operation has a unique operationId, a tag, a description and typed error responses', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { route, method, operation } of operations) {
      const where = `${method.toUpperCase()} ${route}`;
      expect([where, operation.operationId]).toEqual([where, expect.stringMatching(/^[a-z][A-Za-z]+$/)]);
      expect([where, operation.tags?.length]).toEqual([where, 1]);
      expect([where, (operation.description ?? '').length > 10]).toEqual([where, true]);
      for (const status of Object.keys(operation.responses).filter((code) => code.startsWith('4'))) {
        expect([where, status, operation.responses[status].content?.['application/json']?.schema?.$ref]).toEqual([
          where,
          status,
          '#/components/schemas/ErrorBody',
        ]);
      }
    }
  });

  it('Every operation except sign-in, refresh, logout, verify and registration requires the bearer token', () => {
    expect(committed.components.securitySchemes.jwt).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const { operation } of operations) {
      const expected = PUBLIC_OPERATIONS.has(operation.operationId ?? '') ? [] : [{ jwt: [] }];
      expect([operation.operationId, operation.security ?? []]).toEqual([operation.operationId, expected]);
    }
  });

  it('Every operation in the spec is served: anonymous calls get 401 (secured) or a validation error, never "no route"', async () => {
    const someId = '00000000-0000-4000-8000-000000000000';
    for (const { route, method, operation } of operations) {
      const url = `/api/v1${route.replace(/\{[^}]+\}/g, someId)}`;
      const res = await server.http[method as 'get' | 'post' | 'patch' | 'delete'](url).send({});
      const expected = PUBLIC_OPERATIONS.has(operation.operationId ?? '') ? 400 : 401;
      expect([method, route, res.status, res.body.error?.code]).toEqual([
        method,
        route,
        expected,
        expected === 401 ? 'unauthorized' : 'validation_failed',
      ]);
    }
  });

  it('When a known path is called with a method the contract does not define, then the answer is 405 with Allow', async () => {
    for (const [route, methods] of Object.entries(committed.paths)) {
      const url = `/api/v1${route.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000')}/`;
      const res = await server.http.put(url).send({});
      const defined = Object.keys(methods).map((method) => method.toUpperCase());
      if (defined.includes('PUT')) continue;
      expect([route, res.status, res.body.error?.code]).toEqual([route, 405, 'method_not_allowed']);
      expect(String(res.headers.allow).split(', ')).toEqual(expect.arrayContaining(defined));
    }
  });

  it('When the spec has links, then each names an operation in the spec and fills only path parameters it has, from the response body', () => {
    const byId = new Map(operations.map(({ operation }) => [operation.operationId, operation]));
    const links = operations.flatMap(({ operation }) =>
      Object.entries(operation.responses).flatMap(([status, response]) =>
        Object.entries(response.links ?? {}).map(([name, link]) => ({ from: `${operation.operationId} ${status} ${name}`, link })),
      ),
    );
    // The links scripts/finish-spec.mjs adds: conversations and messages from create/list/read, users from sign-in and profile.
    expect(links.length).toBeGreaterThanOrEqual(20);
    for (const { from, link } of links) {
      const target = byId.get(link.operationId);
      expect([from, target !== undefined]).toEqual([from, true]);
      const pathParameters = (target?.parameters ?? [])
        .filter((parameter) => parameter.in === 'path')
        .map((parameter) => parameter.name)
        .sort();
      expect([from, Object.keys(link.parameters ?? {}).sort()]).toEqual([from, pathParameters]);
      for (const expression of Object.values(link.parameters ?? {})) expect(expression).toMatch(/^\$response\.body#\/[\w/]+$/);
    }
  });

  it('When a page number is absurdly large, then every paginated list answers 400 naming page, not a database error', async () => {
    const user = await server.createUser();
    for (const path of ['/users/', '/conversations/']) {
      const res = await server.http.get(`/api/v1${path}?page=124219271545311525972090969703579648`).set('Authorization', user.auth);
      expect([path, res.status, res.body.error?.code, Object.keys(res.body.error?.details ?? {})]).toEqual([
        path,
        400,
        'validation_failed',
        ['page'],
      ]);
    }
  });
});
