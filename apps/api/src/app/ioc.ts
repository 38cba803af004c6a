/**
 * tsoa's IoC hook (tsoa.json `iocModule`): every controller is made by the app handling the request,
 * with its module's services (app/composition-root.ts), so several independent apps (tests) can share
 * one process. Controllers never look services up themselves.
 */
import type { IocContainer, IocContainerFactory, ServiceIdentifier } from '@tsoa/runtime';
import type { Request } from 'express';
import { controllerFor, type ControllerClass } from '../platform/http/controllers';

export const iocContainer: IocContainerFactory<Request> = (request: Request): IocContainer => ({
  get<T>(controller: ServiceIdentifier<T>): T {
    return controllerFor<T>(request, controller as unknown as ControllerClass);
  },
});
