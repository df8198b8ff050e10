import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { generateOpenApi } from '../../http/openapi.js';

export function registerOpenApiCommand(program: Command): void {
  program
    .command('openapi')
    .description('Print the OpenAPI 3.1 document of the HTTP API (or write it with --out).')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (opts: { out?: string }) => {
      const text = await generateOpenApi();
      if (opts.out) await fs.writeFile(opts.out, text);
      else process.stdout.write(text);
    });
}
