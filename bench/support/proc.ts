/**
 * What the benchmarks read from the machine: CPU time and resident memory of processes (from
 * /proc, Linux only). Tells where the work's CPU goes — server process, its PostgreSQL
 * backends — whatever else runs on the machine, which throughput alone cannot.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return 1000 / (Number(r.stdout) || 100);
})();

/** CPU ms (user + system) used so far by one process; undefined when /proc cannot tell. */
function processCpuMs(pid: number): number | undefined {
  return statCpuMs(`/proc/${pid}/stat`);
}

/** utime + stime of a /proc stat file (a process's or a thread's), in ms. */
function statCpuMs(path: string): number | undefined {
  try {
    // After the command name (which may hold spaces): utime and stime are fields 14 and 15.
    const stat = readFileSync(path, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/** CPU ms used so far by the processes, or undefined if any cannot be read (not Linux). */
export function cpuMs(pids: readonly number[]): number | undefined {
  let total = 0;
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms === undefined) return undefined;
    total += ms;
  }
  return total;
}

/**
 * CPU ms used so far by a process's main thread (the event loop) and by all its other threads
 * together (worker threads, GC helpers, libuv's pool); zeros when /proc cannot tell.
 */
export function threadCpuMs(pid: number): {
  main: number;
  others: number;
  byThread: Map<number, number>;
} {
  let main = 0;
  let all = 0;
  const byThread = new Map<number, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const ms = statCpuMs(`/proc/${pid}/task/${tid}/stat`) ?? 0;
      byThread.set(Number(tid), ms);
      all += ms;
      if (Number(tid) === pid) main = ms;
    }
  } catch {
    return { main: 0, others: 0, byThread };
  }
  return { main, others: all - main, byThread };
}

/** CPU ms used so far by the processes; a process gone meanwhile counts 0. */
export function cpuMsOfLive(pids: readonly number[]): number {
  return pids.reduce((total, pid) => total + (processCpuMs(pid) ?? 0), 0);
}

/**
 * CPU ms the processes use from now on, read every `everyMs`: a process that ends meanwhile
 * (a database backend closed by its pool) keeps what it used until its last reading instead
 * of vanishing from the sum. `read()` gives the total so far.
 */
export function trackCpu(
  pids: readonly number[],
  everyMs: number,
): { read(): number; stop(): void } {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = () => {
    for (const pid of pids) {
      const ms = processCpuMs(pid);
      if (ms === undefined) continue;
      if (!first.has(pid)) first.set(pid, ms);
      last.set(pid, ms);
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    read() {
      sample();
      let total = 0;
      for (const [pid, ms] of last) total += ms - first.get(pid)!;
      return total;
    },
    stop: () => clearInterval(timer),
  };
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

/**
 * CPU ms the whole machine has spent busy so far (every core, every process: /proc/stat's
 * first line less idle and iowait), and how many cores it has; undefined off Linux. The
 * difference between two readings, set against `cores × elapsed ms`, says how much of the
 * machine was left.
 */
export function machineBusyMs(): { busy: number; cores: number } | undefined {
  try {
    const stat = readFileSync('/proc/stat', 'utf8');
    const fields = stat.split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already in user).
    const [user, nice, system, , , irq, softirq, steal] = fields;
    const busy = user! + nice! + system! + irq! + softirq! + (steal ?? 0);
    const cores = stat.split('\n').filter((l) => /^cpu\d+ /.test(l)).length;
    return { busy: busy * TICK_MS, cores };
  } catch {
    return undefined;
  }
}
