import type { Command } from 'commander';
import { createApiClient } from '../../accounts/create-api-client.js';
import { SYSTEM_ACTOR, scopes as allScopes, type Scope } from '../../accounts/model.js';
import { findStructure } from '../../accounts/structure-access.js';
import { loadConfig } from '../../config.js';
import { openMigratedDatabase } from '../../runtime.js';

export function registerApiClientCommand(program: Command): void {
  const apiClient = program
    .command('api-client')
    .description('Manage API clients (OAuth2 client-credentials technical accounts).');
  apiClient
    .command('create')
    .description(
      'Create an API client for a structure and print its id and secret (the secret is shown only this once).',
    )
    .requiredOption(
      '--structure <identifier>',
      'SIRET (or other identifier) of the structure in the directory',
    )
    .option(
      '--scopes <scopes>',
      `comma-separated scopes among ${allScopes.join(', ')}`,
      'invoices:send,invoices:read',
    )
    .option('--name <name>', 'a name to recognise the client by', 'API client')
    .option('--json', 'print {"clientId","clientSecret","scopes"} as JSON')
    .action(async (opts: { structure: string; scopes: string; name: string; json?: boolean }) => {
      const scopes = opts.scopes
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = scopes.filter((s) => !(allScopes as readonly string[]).includes(s));
      if (unknown.length || scopes.length === 0)
        throw new Error(
          `unknown scope(s) ${unknown.join(', ')}; choose among ${allScopes.join(', ')}`,
        );
      const database = await openMigratedDatabase(loadConfig());
      try {
        const structure = await findStructure(database.db, opts.structure);
        if (!structure) throw new Error(`no structure ${opts.structure} in the directory`);
        const created = await createApiClient({
          db: database.db,
          actor: SYSTEM_ACTOR,
          identifier: structure.identifier,
          name: opts.name,
          scopes: scopes as Scope[],
        });
        if (opts.json) process.stdout.write(`${JSON.stringify({ ...created, scopes })}\n`);
        else
          process.stdout.write(
            `API client created for ${structure.name} (${structure.identifier})\n  client id:     ${created.clientId}\n  client secret: ${created.clientSecret}\n  scopes:        ${scopes.join(' ')}\nStore the secret now: it is not shown again.\n`,
          );
      } finally {
        await database.close();
      }
    });
}
