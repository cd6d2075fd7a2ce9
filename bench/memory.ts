/** A process's memory as Linux counts it (/proc/PID/status), for the benchmarks' reports. */
import { readFileSync } from 'node:fs';

/** VmHWM (peak) and VmRSS, in MiB; NaN for a process gone or not started. */
export function memory(pid: number | undefined): { peak: number; now: number } {
  const status = pid ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}
