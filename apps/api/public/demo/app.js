// The demo client: signs in, lists conversations, shows one conversation's messages live (the SDK's
// event stream) and sends messages. Everything goes through the SDK's browser build.
import { MessagingClient } from './sdk/index.js';

const $ = (selector) => document.querySelector(selector);
let client;
let current;
/** The signed-in user's id and name. */
let me;
let myName;
const conversations = new Map();
const shownMessages = new Set();

function nameOf(conversation, me) {
  if (conversation.title) return conversation.title;
  const others = conversation.participants.filter((p) => p.userId !== me).map((p) => p.username);
  return others.join(', ') || 'Just you';
}

function renderConversation(conversation) {
  conversations.set(conversation.conversationId, conversation);
  let item = document.getElementById(`c-${conversation.conversationId}`);
  if (!item) {
    item = document.createElement('li');
    item.id = `c-${conversation.conversationId}`;
    const button = document.createElement('button');
    button.type = 'button';
    button.addEventListener('click', () => openConversation(conversation.conversationId));
    item.append(button);
    $('#conversations').prepend(item);
  }
  item.querySelector('button').textContent = nameOf(conversation, me);
}

function renderMessage(message) {
  if (shownMessages.has(message.messageId)) return;
  shownMessages.add(message.messageId);
  const item = document.createElement('li');
  item.dataset.messageId = message.messageId;
  const sender = document.createElement('span');
  sender.className = 'sender';
  sender.textContent = message.sender.username;
  const body = document.createElement('span');
  body.className = 'body';
  body.textContent = message.messageBody;
  item.append(sender, body);
  $('#messages').append(item);
  item.scrollIntoView({ block: 'end' });
}

async function openConversation(conversationId) {
  current = conversationId;
  shownMessages.clear();
  $('#messages').replaceChildren();
  for (const button of document.querySelectorAll('nav li button')) {
    button.setAttribute('aria-current', String(button.parentElement.id === `c-${conversationId}`));
  }
  $('#conversation-title').textContent = nameOf(conversations.get(conversationId), me);
  $('#send').hidden = false;
  // The newest 50, shown oldest first; live ones are appended as they come.
  const page = await client.messages.list(conversationId, { pageSize: 50 });
  if (current !== conversationId) return;
  [...page.results].reverse().forEach(renderMessage);
  $('#send input').focus();
}

async function listen(signal) {
  await client.events.subscribe({
    signal,
    onOpen: () => ($('#status').textContent = `live as ${myName}`),
    onDisconnect: () => ($('#status').textContent = 'reconnecting…'),
    onEvent: async (event) => {
      if (event.type === 'message.created' && event.conversationId === current) renderMessage(event.data.message);
      if (event.type === 'conversation.created') renderConversation(event.data.conversation);
      if (event.type === 'participant.added' && !conversations.has(event.conversationId)) {
        renderConversation(await client.conversations.get(event.conversationId));
      }
    },
  }).done;
}

$('#sign-in').addEventListener('submit', async (submitted) => {
  submitted.preventDefault();
  const form = new FormData(submitted.target);
  const username = String(form.get('username'));
  client = new MessagingClient({ baseUrl: location.origin, username, password: String(form.get('password')) });
  try {
    const { user } = await client.auth.signIn();
    me = user.userId;
    myName = user.username;
  } catch (error) {
    $('#sign-in-error').textContent = error.message;
    return;
  }
  $('#sign-in').hidden = true;
  $('#app').hidden = false;
  $('#status').textContent = `signed in as ${myName}`;
  for await (const conversation of client.conversations.list({ pageSize: 100 })) renderConversation(conversation);
  listen(new AbortController().signal).catch((error) => ($('#status').textContent = `stream stopped: ${error.message}`));
});

$('#send').addEventListener('submit', async (submitted) => {
  submitted.preventDefault();
  const input = $('#send input');
  const text = input.value.trim();
  if (!text || !current) return;
  input.value = '';
  renderMessage(await client.messages.send(current, { messageBody: text }));
});
