// Finishes the spec tsoa generated, as part of `npm run generate` (so the committed spec stays generated;
// it is deterministic):
// 1. Drops component schemas no operation refers to. tsoa emits the query-parameter objects of
//    `@Queries()` (PageParams, MessageListParams…) as schemas although they appear in the spec only as
//    separate parameters; left in, every generated client would grow unused models.
// 2. Adds OpenAPI `links` (tsoa cannot emit them). Links say which response
// value feeds which later request: the conversation a POST created is the one to read, message in,
// edit and delete. Clients and Swagger UI show them; schemathesis follows them to chain calls
// (create → read → update → delete) in its stateful phase. Runs as part of `npm run generate`, so
// the committed spec stays generated; it is deterministic, and fails on an operationId it cannot find.
// Only parameter links: the SDK generator's validator rejects a link `requestBody` that is not a
// single runtime expression, so tokens cannot be linked into request bodies.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SPEC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'openapi', 'openapi.json');

/** Links to what can be done with one conversation, its id read from `pointer` in the response. */
const toConversation = (pointer = '') => {
  const parameters = { conversation_id: `$response.body#${pointer}/conversation_id` };
  return {
    GetConversation: { operationId: 'getConversation', parameters, description: 'That conversation.' },
    ListMessages: { operationId: 'listMessages', parameters, description: 'Its messages.' },
    SendMessage: { operationId: 'sendMessage', parameters, description: 'Send a message in it.' },
  };
};
/** Links to what can be done with one message, its ids read from `pointer` in the response. */
const toMessage = (pointer = '') => {
  const parameters = {
    conversation_id: `$response.body#${pointer}/conversation_id`,
    message_id: `$response.body#${pointer}/message_id`,
  };
  return {
    GetMessage: { operationId: 'getMessage', parameters, description: 'That message.' },
    UpdateMessage: { operationId: 'updateMessage', parameters, description: 'Edit it (its sender only).' },
    DeleteMessage: { operationId: 'deleteMessage', parameters, description: 'Delete it (its sender only).' },
  };
};
const toUser = (pointer) => ({
  GetUser: { operationId: 'getUser', parameters: { user_id: `$response.body#${pointer}` }, description: 'That user’s profile.' },
  UpdateUser: { operationId: 'updateUser', parameters: { user_id: `$response.body#${pointer}` }, description: 'Change that profile.' },
});

/** operationId → status → links. */
const LINKS = {
  createConversation: { 201: toConversation() },
  getConversation: { 200: toConversation() },
  listConversations: { 200: toConversation('/results/0') },
  sendMessage: { 201: toMessage() },
  getMessage: { 200: toMessage() },
  updateMessage: { 200: toMessage() },
  // None from listMessages: with its filters the first page is often empty, leaving nothing to follow.
  // No link from registerUser: the account it creates is visible only to itself and to staff, so
  // the caller that registered it (often anonymous) cannot follow one.
  getCurrentUser: { 200: toUser('/user_id') },
  updateUser: { 200: toUser('/user_id') },
  signIn: { 200: toUser('/user/user_id') },
};

const spec = JSON.parse(readFileSync(SPEC, 'utf8'));
const operations = new Map(
  Object.values(spec.paths).flatMap((methods) => Object.values(methods).map((operation) => [operation.operationId, operation])),
);

for (const [operationId, byStatus] of Object.entries(LINKS)) {
  const operation = operations.get(operationId);
  if (!operation) throw new Error(`finish-spec: no operation ${operationId} in the spec`);
  for (const [status, links] of Object.entries(byStatus)) {
    const response = operation.responses[status];
    if (!response) throw new Error(`finish-spec: ${operationId} has no ${status} response`);
    for (const link of Object.values(links)) {
      if (!operations.has(link.operationId)) throw new Error(`finish-spec: link to unknown operation ${link.operationId}`);
    }
    response.links = links;
  }
}

/** Every schema name reachable from the paths, following $refs through schemas. */
function referencedSchemas(document) {
  const seen = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        const name = value.slice('#/components/schemas/'.length);
        if (!seen.has(name)) {
          seen.add(name);
          visit(document.components.schemas[name]);
        }
      } else {
        visit(value);
      }
    }
  };
  visit(document.paths);
  return seen;
}
const used = referencedSchemas(spec);
for (const name of Object.keys(spec.components.schemas)) if (!used.has(name)) delete spec.components.schemas[name];

// tsoa's own formatting (tabs, no trailing newline), so an unchanged spec is byte-for-byte unchanged.
writeFileSync(SPEC, JSON.stringify(spec, null, '\t'));
