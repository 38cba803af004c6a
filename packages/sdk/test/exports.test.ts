/**
 * The top level is the client, the types of what it takes and returns, and its errors. The generated
 * client's serialisers (190 of 214 runtime exports before), its API classes, runtime and wire-only
 * models live at '@messaging-app/sdk/generated'. (test/pack.test.ts checks the same through the
 * built package's exports map.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import * as topLevel from '../src';
import * as generated from '../src/generated';

const SRC = path.resolve(__dirname, '../src');

/**
 * Models the client's methods neither take nor return: request and response bodies the SDK builds
 * or unwraps itself (pages become Page<T>, events MessagingEvent). A new model must be put either
 * here or among the top-level type exports in src/index.ts.
 */
const WIRE_ONLY_MODELS = [
  'AddParticipantsRequest',
  'AdminConversationPage',
  'AdminUserPage',
  'ConversationPage',
  'ErrorBody',
  'ErrorBodyError',
  'LogoutRequest',
  'MarkReadRequest',
  'MessagePage',
  'MessageVersionPage',
  'RealtimeEvent',
  'RealtimeEventData',
  'RealtimeEventType',
  'RefreshRequest',
  'SignInRequest',
  'UserPage',
  'VerifyRequest',
];

/** Every model the generator wrote, by the file list of its index. */
function generatedModels(): string[] {
  const index = readFileSync(path.join(SRC, 'generated/models/index.ts'), 'utf8');
  return [...index.matchAll(/^export \* from '\.\/(\w+)';$/gm)].map((match) => match[1]);
}

/** Every name src/index.ts exports, types included, as the compiler sees it. */
function topLevelExportNames(): string[] {
  const entry = path.join(SRC, 'index.ts');
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    strict: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  return checker.getExportsOfModule(moduleSymbol).map((symbol) => symbol.name);
}

describe('the top level', () => {
  it('When imported, then its values are the client, its errors, pagination and the enums; no generated serialisers', () => {
    expect(Object.keys(topLevel).sort()).toEqual([
      'ApiError',
      'ApiPromise',
      'AuthenticationError',
      'ConflictError',
      'ConnectionError',
      'ConversationKind',
      'CursorPage',
      'CursorPagePromise',
      'DEFAULT_BASE_URL',
      'DEFAULT_MAX_RETRIES',
      'DEFAULT_TIMEOUT_MS',
      'InvalidInputError',
      'LazyList',
      'MessageOrderingParam',
      'MessagingClient',
      'MessagingError',
      'NotFoundError',
      'Page',
      'PagePromise',
      'PermissionDeniedError',
      'RateLimitError',
      'Role',
      'ServerError',
      'TimeoutError',
      'ValidationError',
    ]);
  });

  it('When a model is generated, then it is a top-level type or listed as wire-only, never both', () => {
    const exported = new Set(topLevelExportNames());
    const models = generatedModels();

    expect(models.length).toBeGreaterThan(30);
    expect(models.filter((model) => !exported.has(model) && !WIRE_ONLY_MODELS.includes(model))).toEqual([]);
    expect(WIRE_ONLY_MODELS.filter((model) => exported.has(model) || !models.includes(model))).toEqual([]);
    expect([...exported].filter((name) => /FromJSON|ToJSON|^instanceOf/.test(name))).toEqual([]);
  });
});

describe('@messaging-app/sdk/generated', () => {
  it('When imported, then it has every model’s serialisers, the API classes and the runtime', () => {
    for (const model of generatedModels()) {
      expect(generated).toHaveProperty(`${model}FromJSON`);
      expect(generated).toHaveProperty(`${model}ToJSON`);
    }
    expect(generated).toHaveProperty('MessagesApi');
    expect(generated).toHaveProperty('Configuration');
    expect(generated.ConversationKind).toBe(topLevel.ConversationKind);
  });
});
