/**
 * tsoa's IoC hook: every controller is constructed with the Services of the app handling the
 * request, so several independent apps (tests) can share one process.
 */
import type { IocContainer, IocContainerFactory, ServiceIdentifier } from '@tsoa/runtime';
import type { Request } from 'express';
import { servicesOf, type Services } from './composition-root';

export const iocContainer: IocContainerFactory<Request> = (request: Request): IocContainer => ({
  get<T>(controller: ServiceIdentifier<T>): T {
    const Controller = controller as unknown as new (services: Services) => T;
    return new Controller(servicesOf(request));
  },
});
