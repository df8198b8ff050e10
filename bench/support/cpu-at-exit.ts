/**
 * Preloaded (`--import`) into a process a benchmark starts: at exit, writes the CPU time the
 * whole process used (all its threads, workers included) to stderr as `cpu-ms <n>`.
 */
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const u = process.cpuUsage();
  writeSync(2, `cpu-ms ${(u.user + u.system) / 1000}\n`);
});
