/**
 * Kysely table types, one interface per area, composed into DB. Each area keeps its tables in
 * its own file under db/schema/ so areas evolve without touching each other.
 */
import type { BaseTables } from './schema/base.js';
import type { DirectoryTables } from './schema/directory.js';
import type { AccountsTables } from './schema/accounts.js';
import type { InvoicesTables } from './schema/invoices.js';
import type { FlowsTables } from './schema/flows.js';
import type { CproTables } from './schema/cpro.js';
import type { SollicitationsTables } from './schema/sollicitations.js';
import type { EventsTables } from './schema/events.js';

export interface DB
  extends
    BaseTables,
    DirectoryTables,
    AccountsTables,
    InvoicesTables,
    FlowsTables,
    CproTables,
    SollicitationsTables,
    EventsTables {}
