import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diskReserve } from '../../src/lib/disk-space.js';
import { faultOf } from '../../src/lib/faults.js';
import { localFileStore } from '../../src/storage/local-file-store.js';

// The reserve of free space (decision 0016): below it a write is refused as a full disk
// (ENOSPC, which the HTTP layer answers 507), with nothing half-written left behind.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-reserve-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const free = () => {
  const s = fs.statfsSync(dir);
  return s.bavail * s.bsize;
};

describe('disk reserve', () => {
  it('passes while the disk has more than the reserve free, refuses as ENOSPC below it', () => {
    expect(() => diskReserve(dir, 1).check()).not.toThrow();
    expect(() => diskReserve(dir, 0).check()).not.toThrow();
    const refusal = (() => {
      try {
        diskReserve(dir, free() * 2).check();
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toMatchObject({ code: 'ENOSPC' });
    expect(String(refusal)).toContain('kept in reserve (DISK_MIN_FREE_MB)');
    expect(faultOf(refusal)).toBe('STORAGE_FULL');
  });

  it('the file store refuses a put below the reserve and leaves no partial file', async () => {
    const roomy = localFileStore(path.join(dir, 'a'), { minFreeBytes: 1 });
    await roomy.put('flows/one', Buffer.from('hello'));
    const full = localFileStore(path.join(dir, 'b'), { minFreeBytes: free() * 2 });
    const put = full.put('flows/two', Buffer.from('hello'));
    await expect(put).rejects.toMatchObject({ code: 'ENOSPC' });
    const left = fs.readdirSync(path.join(dir, 'b'), { recursive: true }).map(String);
    expect(left.filter((f) => f.endsWith('.part') || f.endsWith('two'))).toEqual([]);
  });
});
