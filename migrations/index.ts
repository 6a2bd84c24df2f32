// Every migration, in order. Listed explicitly so the app, the CLI and the tests load the same set
// without globbing compiled or uncompiled files. Add a new migration here after generating it.
import { Init1763800000000 } from './1763800000000-Init';
import { NotificationOutbox1763900000000 } from './1763900000000-NotificationOutbox';
import { ProviderDataAndChannel1764000000000 } from './1764000000000-ProviderDataAndChannel';

export const MIGRATIONS = [Init1763800000000, NotificationOutbox1763900000000, ProviderDataAndChannel1764000000000];
