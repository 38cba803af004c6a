/**
 * Which feature module of apps/api/src/modules may use which: the one statement of the module graph.
 * .dependency-cruiser.cjs turns it into lint rules (CI fails on an import against it), and
 * docs/architecture.md shows it (`npm run docs:architecture` writes that table; the lint checks it is current).
 * Each entry says why the arrows point that way.
 */
module.exports = {
  users: { uses: [], why: 'Accounts, profiles and passwords: everything else refers to users, so users refers to nothing.' },
  events: { uses: [], why: 'The realtime log and its fan-out: writers hand it what they already hold; it knows no feature.' },
  auth: { uses: ['users', 'events'], why: 'Sign-in checks users\u2019 credentials; ending a session ends that session\u2019s event streams.' },
  conversations: { uses: ['users', 'events'], why: 'Membership names users and is announced as events.' },
  messages: { uses: ['conversations', 'users', 'events'], why: 'Only members write; senders are users; every change is an event.' },
  admin: { uses: ['users', 'auth', 'conversations', 'messages'], why: 'Staff use cases act through the other modules\u2019 services.' },
};
