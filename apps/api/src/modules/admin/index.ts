/**
 * The admin module: the staff-only use cases (every user and conversation, account actions,
 * moderation, counts), served at /api/v1/admin and by the web panel at /admin. It owns no table
 * (`admin_sessions` belongs to the panel's session store) and acts through the other modules' services.
 */
import type { ControllerBindings } from '../../platform/http/controllers';
import type { ConversationsModule } from '../conversations';
import type { MessagesModule } from '../messages';
import type { UsersService } from '../users';
import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';

export { AdminService } from './admin.service';
export { ADMIN_PANEL_PATH, createAdminPanel, type AdminPanel } from './panel/admin-panel';

export interface AdminModule {
  admin: AdminService;
  controllers: ControllerBindings;
}

export function createAdminModule({
  users,
  conversations,
  messages,
}: {
  users: UsersService;
  conversations: ConversationsModule['queries'];
  messages: Pick<MessagesModule, 'writing' | 'queries'>;
}): AdminModule {
  const admin = new AdminService({ users, conversations, messages });
  return { admin, controllers: [[AdminController, () => new AdminController(admin)]] };
}
