// The demo client: signs in, lists conversations (last message, time, unread count), shows one
// conversation's messages live through the SDK's event stream, sends messages, marks them read, and
// signs out. Everything goes through the SDK's browser build; all text is set with textContent.
import { MessagingClient } from './sdk/index.js';

const $ = (selector) => document.querySelector(selector);
const wide = window.matchMedia('(min-width: 720px)');

/** Everything that belongs to one sign-in; replaced as a whole on sign-out. */
let session;

function newSession(client, me) {
  return {
    client,
    me,
    subscription: undefined,
    current: undefined,
    conversations: new Map(),
    shown: new Set(),
    lastDay: undefined,
    lastShown: undefined,
    markReadTimer: undefined,
  };
}

// ---- Formatting ---------------------------------------------------------------------------------

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'long' });
const shortWeekday = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const longDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

function daysAgo(date) {
  const startOf = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  return Math.round((startOf(new Date()) - startOf(date)) / 86_400_000);
}

/** The separator above a day's messages. */
function dayLabel(date) {
  const ago = daysAgo(date);
  if (ago === 0) return 'Today';
  if (ago === 1) return 'Yesterday';
  if (ago < 7) return weekday.format(date);
  return longDate.format(date);
}

/** A conversation's last activity, as short as it can be. */
function whenLabel(date) {
  const ago = daysAgo(date);
  if (ago === 0) return clock.format(date);
  if (ago === 1) return 'Yesterday';
  if (ago < 7) return shortWeekday.format(date);
  return shortDate.format(date);
}

function fullName(person) {
  return `${person.firstName ?? ''} ${person.lastName ?? ''}`.trim() || person.username;
}

function others(conversation) {
  return conversation.participants.filter((person) => person.userId !== session.me.userId);
}

function nameOf(conversation) {
  if (conversation.title) return conversation.title;
  return (
    others(conversation)
      .map((person) => person.username)
      .join(', ') || 'Just you'
  );
}

function peopleLine(conversation) {
  const names = others(conversation).map(fullName);
  if (conversation.kind === 'direct') return names[0] ? `Direct conversation with ${names[0]}` : '';
  return names.length ? `${names.join(', ')} and you` : 'Only you';
}

/** A steady colour per conversation, so avatars are told apart at a glance. */
function avatarColour(id) {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 55% 45%)`;
}

function initials(name) {
  const words = name
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .trim()
    .split(/\s+/);
  return ((words[0]?.[0] ?? '?') + (words[1]?.[0] ?? '')).toUpperCase();
}

function preview(conversation) {
  const message = conversation.lastMessage;
  if (!message) return 'No messages yet';
  const text = message.deleted ? 'Message deleted' : message.messageBody;
  const who = message.sender.userId === session.me.userId ? 'You' : conversation.kind === 'group' ? message.sender.username : '';
  return who ? `${who}: ${text}` : text;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---- The conversation list ----------------------------------------------------------------------

function renderConversation(conversation, { toTop = false } = {}) {
  session.conversations.set(conversation.conversationId, conversation);
  let item = document.getElementById(`c-${conversation.conversationId}`);
  if (!item) {
    item = element('li');
    item.id = `c-${conversation.conversationId}`;
    const button = element('button', 'conversation-item');
    button.type = 'button';
    button.addEventListener('click', () => openConversation(conversation.conversationId));
    item.append(button);
    $('#conversations').append(item);
  }
  if (toTop) $('#conversations').prepend(item);

  const name = nameOf(conversation);
  const unread = conversation.unreadCount;
  const activity = conversation.lastMessage?.sentAt ?? conversation.createdAt;
  const avatar = element('span', 'avatar', initials(name));
  avatar.style.background = avatarColour(conversation.conversationId);
  avatar.setAttribute('aria-hidden', 'true');
  const time = element('time', 'item-time', whenLabel(activity));
  time.dateTime = activity.toISOString();
  const top = element('span', 'item-top');
  top.append(element('span', 'item-title', name), time);
  const bottom = element('span', 'item-bottom');
  bottom.append(element('span', 'item-preview', preview(conversation)));
  if (unread > 0) {
    const badge = element('span', 'badge', unread > 99 ? '99+' : String(unread));
    badge.dataset.testid = 'unread';
    badge.setAttribute('aria-label', `${unread} unread`);
    bottom.append(badge);
  }
  const main = element('span', 'item-main');
  main.append(top, bottom);
  const button = item.querySelector('button');
  button.classList.toggle('unread', unread > 0);
  button.setAttribute('aria-current', String(conversation.conversationId === session.current));
  button.replaceChildren(avatar, main);
  $('#no-conversations').hidden = session.conversations.size > 0;
}

function forgetConversation(conversationId) {
  session.conversations.delete(conversationId);
  document.getElementById(`c-${conversationId}`)?.remove();
  $('#no-conversations').hidden = session.conversations.size > 0;
  if (session.current === conversationId) closeConversation();
}

/** Reloads one conversation (participants, unread count) after an event that changed it. */
async function refreshConversation(conversationId, current = session) {
  const conversation = await current.client.conversations.get(conversationId);
  if (current !== session) return;
  renderConversation(conversation);
  if (conversationId === session.current) showHeading(conversation);
}

// ---- One conversation ---------------------------------------------------------------------------

function showHeading(conversation) {
  $('#conversation-title').textContent = nameOf(conversation);
  $('#conversation-people').textContent = peopleLine(conversation);
}

function closeConversation() {
  session.current = undefined;
  $('#conversation-title').textContent = 'Pick a conversation';
  $('#conversation-people').textContent = '';
  $('#messages').replaceChildren(placeholder());
  $('#send').hidden = true;
  document.body.dataset.view = 'list';
}

function placeholder() {
  return element('li', 'placeholder', session.conversations.size ? 'Pick a conversation on the left to read and write.' : '');
}

function messageItem(messageId) {
  return document.querySelector(`#messages [data-message-id="${CSS.escape(messageId)}"]`);
}

/** Whether the newest message is in view (then new ones keep it there). */
function atBottom(list) {
  return list.scrollHeight - list.scrollTop - list.clientHeight < 80;
}

function renderMessage(message, { scroll = 'if-at-bottom' } = {}) {
  if (session.shown.has(message.messageId)) return;
  session.shown.add(message.messageId);
  const list = $('#messages');
  const follow = scroll === 'always' || atBottom(list);
  const day = message.sentAt.toDateString();
  if (day !== session.lastDay) {
    session.lastDay = day;
    const separator = element('li', 'day', dayLabel(message.sentAt));
    separator.setAttribute('role', 'separator');
    list.append(separator);
  }
  const mine = message.sender.userId === session.me.userId;
  const item = element('li', `message ${mine ? 'mine' : 'theirs'}`);
  // A run of messages from one sender within a few minutes reads as one block, named once.
  const previous = session.lastShown;
  if (previous?.day === day && previous.senderId === message.sender.userId && message.sentAt - previous.sentAt < 5 * 60_000)
    item.classList.add('continued');
  session.lastShown = { day, senderId: message.sender.userId, sentAt: message.sentAt };
  item.dataset.messageId = message.messageId;
  const bubble = element('div', 'bubble');
  bubble.append(element('span', 'sender', message.sender.username), element('span', 'body'), element('span', 'meta'));
  item.append(bubble);
  fillMessage(item, message);
  list.append(item);
  if (follow) list.scrollTop = list.scrollHeight;
}

function fillMessage(item, message) {
  item.classList.toggle('deleted', message.deleted);
  item.querySelector('.body').textContent = message.deleted ? 'Message deleted' : message.messageBody;
  const time = element('time', undefined, clock.format(message.sentAt));
  time.dateTime = message.sentAt.toISOString();
  time.title = longDate.format(message.sentAt);
  const meta = item.querySelector('.meta');
  meta.replaceChildren(time);
  if (message.editedAt && !message.deleted) meta.append(' · edited');
}

async function openConversation(conversationId) {
  const current = session;
  const conversation = current.conversations.get(conversationId);
  // Opening another (or the same) conversation again makes this load stale.
  const opening = Symbol(conversationId);
  current.opening = opening;
  current.current = conversationId;
  current.shown.clear();
  current.lastDay = undefined;
  current.lastShown = undefined;
  for (const button of document.querySelectorAll('.conversation-item')) {
    button.setAttribute('aria-current', String(button.parentElement.id === `c-${conversationId}`));
  }
  showHeading(conversation);
  $('#messages').replaceChildren();
  $('#send-error').textContent = '';
  $('#send').hidden = false;
  document.body.dataset.view = 'conversation';
  // The newest 50, shown oldest first; live ones are appended as they come.
  const page = await current.client.messages.list(conversationId, { pageSize: 50 });
  if (current !== session || current.opening !== opening) return;
  for (const message of [...page.results].reverse()) renderMessage(message, { scroll: 'always' });
  if (wide.matches) $('#send input').focus();
  await markRead(conversationId);
}

/** Moves the read marker to the newest message; the badge goes at once. */
async function markRead(conversationId, current = session) {
  const conversation = current.conversations.get(conversationId);
  if (!conversation || conversation.unreadCount === 0) return;
  renderConversation({ ...conversation, unreadCount: 0 });
  await current.client.conversations.markRead(conversationId);
}

/** Messages arriving in the open conversation are read; one call for a burst of them. */
function markReadSoon(conversationId) {
  clearTimeout(session.markReadTimer);
  const current = session;
  session.markReadTimer = setTimeout(() => markRead(conversationId, current).catch(showStreamProblem), 300);
}

// ---- Live events --------------------------------------------------------------------------------

function setStatus(state, text) {
  const status = $('#status');
  status.dataset.state = state;
  status.textContent = text;
}

function showStreamProblem(error) {
  console.warn('demo:', error);
}

async function onEvent(event, current) {
  if (current !== session) return;
  const known = session.conversations.get(event.conversationId);
  switch (event.type) {
    case 'message.created': {
      const { message } = event.data;
      if (!known) return refreshConversation(event.conversationId, current);
      const mine = message.sender.userId === session.me.userId;
      const open = event.conversationId === session.current;
      renderConversation(
        { ...known, lastMessage: message, unreadCount: open || mine ? known.unreadCount : known.unreadCount + 1 },
        { toTop: true },
      );
      if (open) {
        renderMessage(message);
        if (!mine) markReadSoon(event.conversationId);
      }
      return;
    }
    case 'message.updated': {
      const { message } = event.data;
      const item = event.conversationId === session.current && messageItem(message.messageId);
      if (item) fillMessage(item, message);
      if (known?.lastMessage?.messageId === message.messageId) renderConversation({ ...known, lastMessage: message });
      return;
    }
    case 'message.deleted': {
      const { messageId } = event.data;
      const item = event.conversationId === session.current && messageItem(messageId);
      if (item) {
        item.classList.add('deleted');
        item.querySelector('.body').textContent = 'Message deleted';
      }
      if (known?.lastMessage?.messageId === messageId)
        renderConversation({ ...known, lastMessage: { ...known.lastMessage, deleted: true } });
      return;
    }
    case 'conversation.created':
      renderConversation(event.data.conversation, { toTop: true });
      return;
    case 'participant.added':
      return refreshConversation(event.conversationId, current);
    case 'participant.removed':
      if (event.data.userId === session.me.userId) return forgetConversation(event.conversationId);
      return refreshConversation(event.conversationId, current);
    case 'read.updated':
      // Read on another tab or device: the unread count here follows.
      if (event.data.userId === session.me.userId && event.conversationId !== session.current)
        return refreshConversation(event.conversationId, current);
      return;
    default:
      return;
  }
}

function listen(current) {
  current.subscription = current.client.events.subscribe({
    onOpen: () => current === session && setStatus('live', 'Live'),
    onDisconnect: () => current === session && setStatus('reconnecting', 'Reconnecting…'),
    onEvent: (event) => onEvent(event, current).catch(showStreamProblem),
  });
  current.subscription.done.catch((error) => {
    if (current === session) setStatus('offline', `Stream stopped: ${error.message}`);
  });
}

// ---- Signing in and out -------------------------------------------------------------------------

function showSignedIn() {
  document.body.classList.add('signed-in');
  $('#sign-in-view').hidden = true;
  $('#sign-in').reset();
  $('#app').hidden = false;
  $('#account').hidden = false;
  $('#me').textContent = session.me.username;
  $('#me').title = fullName(session.me);
  setStatus('connecting', 'Connecting…');
}

function showSignedOut() {
  document.body.classList.remove('signed-in');
  $('#app').hidden = true;
  $('#account').hidden = true;
  $('#conversations').replaceChildren();
  $('#messages').replaceChildren();
  $('#sign-in-view').hidden = false;
  document.body.dataset.view = 'list';
  setStatus('offline', 'Signed out');
  $('#sign-in input[name="username"]').focus();
}

$('#sign-in').addEventListener('submit', async (submitted) => {
  submitted.preventDefault();
  const form = new FormData(submitted.target);
  const button = submitted.target.querySelector('button');
  const client = new MessagingClient({
    baseUrl: location.origin,
    username: String(form.get('username')),
    password: String(form.get('password')),
  });
  $('#sign-in-error').textContent = '';
  button.disabled = true;
  try {
    const { user } = await client.auth.signIn();
    session = newSession(client, user);
  } catch (error) {
    $('#sign-in-error').textContent = error.message;
    return;
  } finally {
    button.disabled = false;
  }
  const current = session;
  showSignedIn();
  listen(current);
  for await (const conversation of current.client.conversations.list({ pageSize: 100 })) {
    if (current !== session) return;
    renderConversation(conversation);
  }
  $('#no-conversations').hidden = current.conversations.size > 0;
  closeConversation();
  // Two panes: open the most recent conversation at once.
  const first = $('#conversations li');
  if (wide.matches && first) openConversation(first.id.slice(2));
});

$('#sign-out').addEventListener('click', async () => {
  const ending = session;
  session = undefined;
  clearTimeout(ending.markReadTimer);
  ending.subscription?.close();
  showSignedOut();
  // Revokes the refresh token on the server; the client forgets its tokens either way.
  await ending.client.auth.logout().catch(showStreamProblem);
});

$('#back').addEventListener('click', () => {
  document.body.dataset.view = 'list';
});

$('#send').addEventListener('submit', async (submitted) => {
  submitted.preventDefault();
  const current = session;
  const conversationId = current.current;
  const input = $('#send input');
  const button = $('#send button');
  const text = input.value.trim();
  if (!text || !conversationId) return;
  button.disabled = true;
  $('#send-error').textContent = '';
  try {
    const message = await current.client.messages.send(conversationId, { messageBody: text });
    if (current !== session) return;
    input.value = '';
    if (current.current === conversationId) renderMessage(message, { scroll: 'always' });
    const conversation = current.conversations.get(conversationId);
    renderConversation({ ...conversation, lastMessage: message }, { toTop: true });
  } catch (error) {
    // The text stays in the box, to send again.
    $('#send-error').textContent = error.message;
  } finally {
    button.disabled = false;
    input.focus();
  }
});

// New conversation by username: needs the user-search API (issue 17, item 1). Once it exists, show
// #new-conversation (index.html) and start the conversation here, e.g. client.conversations.create(...)
// with the user found, then renderConversation(conversation, { toTop: true }) and openConversation(id).
$('#new-conversation').addEventListener('submit', (submitted) => submitted.preventDefault());
