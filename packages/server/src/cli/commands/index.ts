import type { Command } from 'commander';
import { registerApiClientCommand } from './api-client.js';
import { registerCproCommand } from './cpro.js';
import { registerDirectoryCommand } from './directory.js';
import { registerFacturXCommand } from './facturx.js';
import { registerJournalCommand } from './journal.js';
import { registerMailSinkCommand } from './mail-sink.js';
import { registerNotificationsCommand } from './notifications.js';
import { registerRatesCommand } from './rates.js';
import { registerRenderCommand } from './render.js';
import { registerSupportCommand } from './support.js';
import { registerStorageCommand } from './storage.js';
import { registerValidateCommand } from './validate.js';

/** Commands of each area (directory, api-client, validate…). One line per area: add yours. */
export function registerAreaCommands(program: Command): void {
  registerDirectoryCommand(program);
  registerApiClientCommand(program);
  registerCproCommand(program);
  registerMailSinkCommand(program);
  registerValidateCommand(program);
  registerRatesCommand(program);
  registerJournalCommand(program);
  registerFacturXCommand(program);
  registerRenderCommand(program);
  registerSupportCommand(program);
  registerNotificationsCommand(program);
  registerStorageCommand(program);
}
