/**
 * What the web panel shows and lets staff do, per table. Changes that carry rules (deactivating signs a
 * user out everywhere; staff cannot deactivate themselves; deleting a message) go through
 * AdminService, exactly as the REST endpoints do; AdminJS only edits plain profile fields itself.
 */
import type { Models } from '@messaging-app/shared';
import type {
  ActionContext,
  ActionHandler,
  ActionRequest,
  ActionResponse,
  After,
  CurrentAdmin,
  ListActionResponse,
  PropertyOptions,
  RecordActionResponse,
  RecordJSON,
  ResourceWithOptions,
} from 'adminjs' with { 'resolution-mode': 'import' };
import type { Caller } from '../../users';
import { AppError } from '../../../platform/errors/app-error';
import type { AdminService } from '../admin.service';

/** Who is signed in to the panel: kept in the session, re-checked against the database on every request. */
export interface PanelAdmin extends CurrentAdmin {
  id: string;
  title: string;
  role: Caller['role'];
}

export function toPanelAdmin(user: Caller): PanelAdmin {
  return { id: user.userId, title: user.username, email: user.username, role: user.role };
}

export function callerOf(currentAdmin: CurrentAdmin | undefined): Caller {
  const admin = currentAdmin as PanelAdmin | undefined;
  // Only active staff get a session, and the session is re-checked before every action.
  if (!admin?.id) throw new AppError('unauthorized', 'Not signed in.');
  return { userId: admin.id, username: admin.title, role: admin.role, isStaff: true };
}

interface RecordChange {
  icon: string;
  /** Translation key of the confirmation question. */
  guard: string;
  /** Shown only on records where it would change something. */
  visibleWhen(params: Record<string, unknown>): boolean;
  run(caller: Caller, recordId: string): Promise<unknown>;
  /** Translation key of the success notice. */
  done: string;
  /** Where to go afterwards: the list (default), or stay on the record. */
  redirect?: 'list';
}

/**
 * A record action without a view of its own: AdminJS asks the guard question, then calls it (with GET
 * for every action but delete; admin-panel.ts refuses such calls from other sites). Rule violations
 * (AppError) become an error notice instead of a failed page.
 */
function recordChange(change: RecordChange) {
  const handler: ActionHandler<ActionResponse> = async (_request: ActionRequest, _response: unknown, context: ActionContext) => {
    const { record, resource, currentAdmin, h } = context;
    if (!record) throw new AppError('not_found', 'No such record.');
    const resourceId = resource._decorated?.id() ?? resource.id();
    try {
      await change.run(callerOf(currentAdmin), String(record.id()));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { record: record.toJSON(currentAdmin), notice: { message: error.message, type: 'error' } };
    }
    const fresh = change.redirect === 'list' ? undefined : await resource.findOne(String(record.id()), context);
    return {
      record: (fresh ?? record).toJSON(currentAdmin),
      notice: { message: change.done, type: 'success' },
      redirectUrl: h.resourceUrl({ resourceId }),
    };
  };
  return {
    actionType: 'record' as const,
    component: false as const,
    icon: change.icon,
    guard: change.guard,
    isVisible: ({ record }: ActionContext) => (record ? change.visibleWhen(record.params) : false),
    handler,
  };
}

const isTrue = (value: unknown) => value === true || value === 'true';
const readOnly = {
  new: { isAccessible: false },
  edit: { isAccessible: false },
  delete: { isAccessible: false },
  bulkDelete: { isAccessible: false },
};

/** A column filled in by an `after` hook below, not stored in the table: shown, never edited, filtered or sorted on. */
function computed(type: PropertyOptions['type']): PropertyOptions {
  return { type, isSortable: false, isVisible: { list: true, show: true, edit: false, filter: false } };
}

/** Runs `fill` over the records of a list page, or the one record of a show page, and returns the response. */
function fillRecords(fill: (records: RecordJSON[], context: ActionContext) => Promise<void> | void) {
  // AdminJS types every hook with the generic ActionResponse; list and show answer these shapes.
  const list: After<ActionResponse> = async (response, _request, context) => {
    await fill((response as ListActionResponse).records, context);
    return response;
  };
  const show: After<ActionResponse> = async (response, _request, context) => {
    await fill([(response as RecordActionResponse).record], context);
    return response;
  };
  return { list, show };
}

/** At most this many names in a list cell; the rest are counted. */
const NAMES_IN_A_CELL = 4;

function peopleList(usernames: string[]): string {
  if (usernames.length <= NAMES_IN_A_CELL) return usernames.join(', ');
  return `${usernames.slice(0, NAMES_IN_A_CELL).join(', ')} and ${usernames.length - NAMES_IN_A_CELL} more`;
}

export function panelResources(models: Models, admin: AdminService): ResourceWithOptions[] {
  // Participants and message counts, one page at a time (three queries, whatever the page size).
  const conversationColumns = fillRecords(async (records, { currentAdmin }) => {
    const overviews = await admin.conversationOverviews({
      caller: callerOf(currentAdmin),
      conversationIds: records.map((record) => record.id),
    });
    for (const record of records) {
      const overview = overviews.get(record.id);
      record.params.participants = overview ? peopleList(overview.participants) : '';
      record.params.messageCount = overview?.message_count ?? 0;
    }
  });
  // A message's conversation is shown by its title, or by who is in it, rather than by its id.
  const messageColumns = fillRecords(async (records, { currentAdmin }) => {
    const ids = records.map((record) => String(record.params.conversationId));
    const overviews = await admin.conversationOverviews({ caller: callerOf(currentAdmin), conversationIds: ids });
    for (const record of records) {
      const overview = overviews.get(String(record.params.conversationId));
      const conversation = record.populated.conversationId;
      if (overview && conversation) conversation.title = overview.title ?? peopleList(overview.participants);
    }
  });
  const userColumns = fillRecords((records) => {
    for (const record of records) record.params.name = `${record.params.firstName ?? ''} ${record.params.lastName ?? ''}`.trim();
  });

  return [
    {
      resource: models.User,
      options: {
        navigation: { name: 'Accounts', icon: 'Users' },
        titleProperty: 'username',
        sort: { sortBy: 'createdAt', direction: 'desc' },
        listProperties: ['username', 'name', 'email', 'role', 'isStaff', 'isActive', 'createdAt'],
        filterProperties: ['username', 'email', 'firstName', 'lastName', 'role', 'isStaff', 'isActive', 'createdAt'],
        showProperties: [
          'userId',
          'username',
          'email',
          'firstName',
          'lastName',
          'phoneNumber',
          'role',
          'isStaff',
          'isActive',
          'createdAt',
          'updatedAt',
        ],
        // Names and role only: credentials, usernames and emails follow the API's rules, so they are
        // changed through it; staff status and activity through the actions below.
        editProperties: ['firstName', 'lastName', 'role'],
        properties: {
          passwordHash: { isVisible: false },
          name: { ...computed('string'), isVisible: { list: true, show: false, edit: false, filter: false } },
          role: { availableValues: ['guest', 'host', 'admin'].map((value) => ({ value, label: value })) },
        },
        actions: {
          list: { after: userColumns.list },
          // Accounts are created by registration or createsuperuser (which hash the password), and
          // deactivated rather than deleted, so their messages keep a sender.
          new: { isAccessible: false },
          delete: { isAccessible: false },
          bulkDelete: { isAccessible: false },
          deactivate: recordChange({
            icon: 'UserX',
            guard: 'confirmDeactivate',
            visibleWhen: (params) => isTrue(params.isActive),
            run: (caller, userId) => admin.deactivateUser({ caller, userId }),
            done: 'userDeactivated',
          }),
          reactivate: recordChange({
            icon: 'UserCheck',
            guard: 'confirmReactivate',
            visibleWhen: (params) => !isTrue(params.isActive),
            run: (caller, userId) => admin.reactivateUser({ caller, userId }),
            done: 'userReactivated',
          }),
          promote: recordChange({
            icon: 'Shield',
            guard: 'confirmPromote',
            visibleWhen: (params) => !isTrue(params.isStaff),
            run: (caller, userId) => admin.promoteUser({ caller, userId }),
            done: 'userPromoted',
          }),
        },
      },
    },
    {
      resource: models.Conversation,
      options: {
        navigation: { name: 'Messaging', icon: 'MessageSquare' },
        sort: { sortBy: 'lastActivityAt', direction: 'desc' },
        listProperties: ['kind', 'title', 'participants', 'messageCount', 'lastActivityAt', 'createdAt'],
        filterProperties: ['kind', 'title', 'createdById', 'createdAt', 'lastActivityAt'],
        showProperties: ['conversationId', 'kind', 'title', 'participants', 'messageCount', 'createdById', 'createdAt', 'lastActivityAt'],
        properties: {
          kind: {
            availableValues: [
              { value: 'direct', label: 'direct' },
              { value: 'group', label: 'group' },
            ],
          },
          participants: computed('string'),
          messageCount: computed('number'),
          directUserLow: { isVisible: false },
          directUserHigh: { isVisible: false },
        },
        actions: { ...readOnly, list: { after: conversationColumns.list }, show: { after: conversationColumns.show } },
      },
    },
    {
      resource: models.Message,
      options: {
        navigation: { name: 'Messaging', icon: 'MessageSquare' },
        sort: { sortBy: 'sentAt', direction: 'desc' },
        listProperties: ['messageBody', 'senderId', 'conversationId', 'sentAt', 'editedAt'],
        filterProperties: ['messageBody', 'senderId', 'conversationId', 'sentAt'],
        properties: { messageBody: { type: 'textarea' } },
        actions: {
          ...readOnly,
          list: { after: messageColumns.list },
          show: { after: messageColumns.show },
          // Moderation, the same delete as DELETE /api/v1/admin/messages/{id}.
          delete: recordChange({
            icon: 'Trash2',
            guard: 'confirmDelete',
            visibleWhen: () => true,
            run: (caller, messageId) => admin.deleteMessage({ caller, messageId }),
            done: 'successfullyDeleted',
            redirect: 'list',
          }),
        },
      },
    },
  ];
}
