/**
 * The official material beside the repository (../shared/conformance). Tests of it run when it
 * is there; under CI=true they run whatever happens, so a missing folder fails the run instead
 * of skipping those tests silently (the same policy as official-rules.ts for the inventory).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const SHARED_CONFORMANCE = join(import.meta.dirname, '../../../../../shared/conformance');

/** Whether tests reading `path` (under the shared material) run. */
export function sharedMaterial(path: string = SHARED_CONFORMANCE): boolean {
  return existsSync(path) || process.env.CI === 'true';
}
