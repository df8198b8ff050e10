/**
 * The tables generated from the Factur-X profile Schematrons (scripts/gen-facturx-rules.ts,
 * scripts/gen-facturx-asserts.ts) are those the official files give today, and the runtime
 * reads every rule context they hold (an unreadable one would leave elements unjudged).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unreadableContexts } from '../../src/profiles/profile-asserts-run.js';

const root = join(import.meta.dirname, '../../../..');
const shared = join(root, '../shared/conformance/factur-x/profiles');
const tsx = join(root, 'node_modules/.bin/tsx');

describe('tables generated from the Factur-X profile Schematrons', () => {
  it.runIf(existsSync(shared) || process.env.CI === 'true')(
    'are up to date with the official files',
    () => {
      for (const script of ['gen-facturx-rules.ts', 'gen-facturx-asserts.ts']) {
        const r = spawnSync(tsx, [join(root, 'scripts', script), '--check'], {
          encoding: 'utf8',
        });
        expect(r.status, `${script}: ${r.stderr}`).toBe(0);
      }
    },
    60_000,
  );

  it('hold no rule context the runtime cannot read', () => {
    expect(unreadableContexts()).toEqual([]);
  });
});
