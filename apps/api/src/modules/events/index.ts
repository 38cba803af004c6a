/**
 * The events module: the realtime event log (`events`) and its delivery as server-sent events. Other
 * modules record events through the platform's EventSink port, which this module's EventLog
 * implements; it publishes the event types they declare (RealtimeEvent) and ends streams whose account
 * or session ends (through the users module).
 */
import type { Database } from '@messaging-app/shared';
import type { EventSettings } from '../../platform/config';
import type { EventSink } from '../../platform/event-sink/event-sink';
import type { ControllerBindings } from '../../platform/http/controllers';
import type { DomainMetrics } from '../../platform/observability/metrics';
import type { AccountStates, UsersService } from '../users';
import { EventLog } from './event-log';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService, type EventsLogger } from './events.service';

export type { RealtimeEvent, RealtimeEventType } from './event.dto';
export type { EventsLogger, EventsService } from './events.service';

export interface EventsModule {
  /** Where other modules record events, in their own transactions. */
  sink: EventSink;
  /** Realtime streams and their fan-out; started and closed by the app, not by CLIs. */
  events: EventsService;
  controllers: ControllerBindings;
}

export function createEventsModule({
  db,
  settings,
  users,
  accountStates,
  metrics,
  logger,
}: {
  db: Database;
  settings: EventSettings;
  users: UsersService;
  accountStates: AccountStates;
  metrics: DomainMetrics;
  logger?: EventsLogger;
}): EventsModule {
  const repository = new EventsRepository(db);
  const log = new EventLog(repository);
  const events = new EventsService({ db, events: repository, log, users, accountStates, settings, metrics, logger });
  return { sink: log, events, controllers: [[EventsController, () => new EventsController(events)]] };
}
