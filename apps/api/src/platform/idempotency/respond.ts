import type { Controller } from '@tsoa/runtime';
import type { Outcome } from './idempotency.service';

/** Answers an idempotent operation's outcome; a replay says so in `Idempotent-Replayed: true`. */
export function respondWith<T>(controller: Controller, outcome: Outcome<T> & { replayed: boolean }): T {
  controller.setStatus(outcome.status);
  if (outcome.replayed) controller.setHeader('Idempotent-Replayed', 'true');
  return outcome.body;
}
