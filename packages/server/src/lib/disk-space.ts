/**
 * A reserve of free space kept on the disks we write to (decision 0016). PGlite, given a disk
 * with no room left for a new WAL segment (16 MB), does not merely fail the statement: the next
 * one spins inside the embedded database and freezes the whole process, HTTP included. So
 * writes are refused — as a full disk, ENOSPC, answered 507 — while the disk holding the folder
 * has less than the reserve free; reads go on, and the database never meets a full disk.
 */
import fs from 'node:fs';

export interface DiskReserve {
  /** Throws an ENOSPC error when the disk has less than the reserve free. */
  check(): void;
}

/** How long a free-space reading is trusted: writes between two readings eat into the reserve. */
const READING_MS = 500;

/**
 * The reserve of `minFreeBytes` on the disk holding `dir` (which must exist); 0 keeps none.
 */
export function diskReserve(dir: string, minFreeBytes: number): DiskReserve {
  if (minFreeBytes <= 0) return { check: () => undefined };
  let readAt = 0;
  let free = Number.POSITIVE_INFINITY;
  return {
    check() {
      const now = Date.now();
      if (now - readAt > READING_MS) {
        const stats = fs.statfsSync(dir);
        free = stats.bavail * stats.bsize;
        readAt = now;
      }
      if (free < minFreeBytes) {
        throw Object.assign(
          new Error(
            `no space left on device: ${mb(free)} free on the disk of ${dir}, under the ` +
              `${mb(minFreeBytes)} kept in reserve (DISK_MIN_FREE_MB)`,
          ),
          { code: 'ENOSPC' },
        );
      }
    },
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
