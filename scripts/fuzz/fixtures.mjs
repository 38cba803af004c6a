// Creates what the fuzzer needs on a fresh API: three users, a conversation between two of them and one
// message. Writes their ids as schemathesis dictionaries (libFuzzer format) into DIR, so generated
// requests often name real objects, and prints FUZZ_ACCESS=… (the first user's token) and
// FUZZ_SIGN_OUT_ACCESS=… (a third user's, spent by signing out everywhere) for the shell.
// With FUZZ_STAFF_USERNAME and FUZZ_STAFF_PASSWORD (a staff user fuzz.sh made with createsuperuser),
// the first user is that staff user, so the admin operations get past their 403.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const [base, dir] = process.argv.slice(2);
if (!base || !dir) throw new Error('usage: node fixtures.mjs http://127.0.0.1:PORT/api/v1 DIR');

async function call(method, path, body, access) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(access ? { Authorization: `Bearer ${access}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return JSON.parse(text);
}

const { FUZZ_STAFF_USERNAME: staffUsername, FUZZ_STAFF_PASSWORD: staffPassword } = process.env;
const password = staffPassword ?? `fuzz-${Math.random().toString(36).slice(2)}-password`;
async function user(name) {
  const username = `${name}_${Date.now().toString(36)}`;
  await call('POST', '/users/', { username, email: `${username}@example.com`, password, first_name: 'Fuzz', last_name: name });
  return call('POST', '/token/', { username, password });
}

const alice = staffUsername ? await call('POST', '/token/', { username: staffUsername, password }) : await user('alice');
if (staffUsername && !alice.user.is_staff) throw new Error(`${staffUsername} is not staff`);
const bob = await user('bob');
// Signing out everywhere ends every session of the caller: fuzzed as carol, so alice's token lives on.
const carol = await user('carol');
const conversation = await call('POST', '/conversations/', { participant_ids: [bob.user.user_id] }, alice.access);
// A group too: adding, removing and leaving only get past their 409 in one.
const group = await call(
  'POST',
  '/conversations/',
  { participant_ids: [bob.user.user_id], kind: 'group', title: 'fuzz group' },
  alice.access,
);
const message = await call(
  'POST',
  `/conversations/${conversation.conversation_id}/messages/`,
  { message_body: 'hello from the fuzz fixtures' },
  alice.access,
);

const dictionaries = {
  // Sign-ins that can succeed (the fixture's throw-away password is only ever in this folder).
  usernames: [alice.user.username],
  passwords: [password],
  users: [alice.user.user_id, bob.user.user_id],
  // Conversations need someone besides the caller: naming only yourself is a 400.
  others: [bob.user.user_id],
  conversations: [conversation.conversation_id, group.conversation_id],
  messages: [message.message_id],
};
for (const [name, values] of Object.entries(dictionaries)) {
  writeFileSync(path.join(dir, `${name}.dict`), values.map((value) => `"${value}"`).join('\n') + '\n');
}
console.log(`FUZZ_ACCESS=${alice.access}`);
console.log(`FUZZ_SIGN_OUT_ACCESS=${carol.access}`);
