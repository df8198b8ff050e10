import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { createApiClient } from '../../accounts/create-api-client.js';
import { SYSTEM_ACTOR, scopes as allScopes, type Scope } from '../../accounts/model.js';
import { setSftpKey } from '../../accounts/set-sftp-key.js';
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
  apiClient
    .command('sftp-key')
    .description(
      'Register the OpenSSH public key an API client signs in with at the SFTP endpoint (replaces any previous key).',
    )
    .argument('<clientId>', 'id of the API client (its SFTP username)')
    .argument('[pubkey-file]', 'OpenSSH public key file, e.g. id_ed25519.pub')
    .option('--remove', 'remove the key: the client then signs in by SFTP with its secret only')
    .addHelpText(
      'after',
      [
        '',
        'Files put into in/ are deposited as flows of the client (invoices:send needed). The name',
        'must start with the flow syntax followed by "_" or ".", e.g.',
        '  IN_DP_E1_CII_16B_lot-2026-12.zip   IN_DP_E2_CII_FACTURX.facture-42.pdf',
        'Reports come to out/ as <numeroFluxDepot>_CR.json and _CR.pdf; a file refused before',
        'becoming a flow (no syntax in its name…) gets <name>_REFUS.json there.',
      ].join('\n'),
    )
    .action(async (clientId: string, file: string | undefined, opts: { remove?: boolean }) => {
      if (!file && !opts.remove) throw new Error('give a public key file, or --remove');
      if (file && opts.remove) throw new Error('give a public key file or --remove, not both');
      let publicKey: string | null = null;
      if (file) {
        // A public key line is a few KB at most; a big file is a mistake (a private key dump…).
        if ((await stat(file)).size > 16_384) throw new Error(`${file} is not a public key file`);
        publicKey = await readFile(file, 'utf8');
      }
      const database = await openMigratedDatabase(loadConfig());
      try {
        const result = await setSftpKey({
          db: database.db,
          actor: { kind: 'cli' },
          clientId,
          publicKey,
        });
        process.stdout.write(
          result.fingerprint
            ? `SFTP key of ${clientId} set: ${result.fingerprint}\n`
            : `SFTP key of ${clientId} removed\n`,
        );
      } finally {
        await database.close();
      }
    });
}
