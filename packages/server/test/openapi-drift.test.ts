import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateOpenApi } from '../src/http/openapi.js';

const committed = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../docs/openapi.json',
);

describe('OpenAPI document', () => {
  it('docs/openapi.json equals what the route schemas generate (run `npm run openapi` after changing routes)', async () => {
    const generated = await generateOpenApi();
    expect(fs.existsSync(committed), 'docs/openapi.json is missing: run `npm run openapi`').toBe(
      true,
    );
    const onDisk = fs.readFileSync(committed, 'utf8');
    expect(JSON.parse(onDisk), 'docs/openapi.json is stale: run `npm run openapi`').toEqual(
      JSON.parse(generated),
    );
    // Generating builds the whole app: slow on a loaded two-core machine.
  }, 120_000);

  it('documents every API path under /api/v1 with a summary', async () => {
    const doc = JSON.parse(await generateOpenApi()) as {
      paths: Record<string, Record<string, { summary?: string }>>;
    };
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.summary, `${method.toUpperCase()} ${p} has no summary`).toBeTruthy();
      }
    }
  }, 120_000);
});
