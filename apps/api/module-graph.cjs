/**
 * Which feature module of apps/api/src/modules may use which: the one statement of the module graph.
 * .dependency-cruiser.cjs turns it into lint rules (CI fails on an import against it), and
 * docs/architecture.md shows it (`npm run docs:architecture` writes that table; the lint checks it is current).
 * Each entry says why the arrows point that way. A module reaches another only through its index.ts.
 */
module.exports = {
  users: {
    uses: [],
    why: 'Accounts, passwords and sessions. Everyone refers to people, so people refer to no one.',
  },
  messages: {
    uses: ['users'],
    why: 'Senders are users. Membership, activity and read markers come through the ConversationAccess port that conversations implements.',
  },
  conversations: {
    uses: ['users', 'messages'],
    why: 'Participants are users; a conversation shows its newest message and what is unread, which messages count.',
  },
  events: {
    uses: ['users', 'messages', 'conversations'],
    why: 'The stream publishes the event payloads that messages and conversations declare, and ends streams whose account or session ends.',
  },
  auth: {
    uses: ['users'],
    why: 'Sign-in checks credentials and starts a session; a token check asks whether the account and session still stand.',
  },
  admin: {
    uses: ['users', 'conversations', 'messages'],
    why: 'Staff use cases act through the other modules\u2019 services.',
  },
};
