import type { Express, Request } from 'express';

/** A controller class, and how this app makes one (with the services it needs, from its module). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ControllerClass = abstract new (...args: any[]) => object;
export type ControllerBindings = Array<[ControllerClass, () => object]>;

const CONTROLLERS = Symbol('controllers');

/** Registers how this app makes each controller; the composition root calls it once per app. */
export function installControllers(app: Express, bindings: ControllerBindings): void {
  (app.locals as Record<symbol, unknown>)[CONTROLLERS] = new Map(bindings);
}

/**
 * The controller tsoa asked for, made for this request's app (its IoC hook, app/ioc.ts). Several apps
 * with different configurations live in one process in tests, so nothing is a process-wide singleton.
 */
export function controllerFor<T>(request: Request, controller: ControllerClass): T {
  const bindings = (request.app.locals as Record<symbol, Map<ControllerClass, () => object> | undefined>)[CONTROLLERS];
  const create = bindings?.get(controller);
  if (!create) throw new Error(`No controller binding for ${controller.name} on this app`);
  return create() as T;
}
