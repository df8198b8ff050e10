/**
 * What the flow benchmark reads from the machine: CPU time and resident memory of processes
 * (from /proc, Linux only), and plain node:http requests (light on the CPU the benchmark
 * shares with the server).
 */
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { Readable } from 'node:stream';

const TICK_MS = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return 1000 / (Number(r.stdout) || 100);
})();

/** CPU ms (user + system) used so far by the processes; a process gone counts 0. */
export function cpuMs(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      // After the command name (which may hold spaces): utime and stime are fields 14 and 15.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(f[11]) + Number(f[12])) * TICK_MS;
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

/** A memory line of /proc/<pid>/status in KiB (VmRSS now, VmHWM the peak since start). */
export function rssKb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every `everyMs`; `stop()` gives the peak seen (KiB). */
export function sampleRss(pid: number, everyMs: number): { stop(): number } {
  let peak = rssKb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssKb(pid));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssKb(pid));
    },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

/** One request; the body is bytes or a stream (a 1 GB zip is streamed from its file). */
export function httpSend(
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string | number>,
  body?: Buffer | Readable,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body === undefined || Buffer.isBuffer(body)) req.end(body);
    else body.pipe(req);
  });
}

/** Stops the server child (SIGTERM: it closes its worker and pool) and waits for it. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
