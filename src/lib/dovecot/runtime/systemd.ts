/**
 * The limits systemd puts on dovecot.service: how many tasks it may run by default on a machine
 * with a given RAM (Debian 12 and 13), and whether LimitNOFILE must go above what the unit file
 * already sets. Only ever raises: nothing here proposes a value below the one in force.
 */
import {TASKS, UNIT_LIMIT_NOFILE} from './facts';

/** kernel.threads-max the kernel computes at boot for `ramGiB` of RAM: RAM / 128 KiB. */
export function threadsMax(ramGiB: number): number {
  return Math.floor((ramGiB * 1024 ** 3) / TASKS.bytesPerThread);
}

/**
 * systemd's DefaultTasksMax for `ramGiB`: 15 % of min(threads-max, pid_max − 1), rounded down
 * as system_tasks_max_scale() does. With Debian's pid_max of 2^22 that is 15 % of RAM / 128 KiB:
 * 2 GiB → 2457, 4 GiB → 4915, 64 GiB → 78643. The kernel counts slightly less RAM than is
 * installed, so the real value is a little lower.
 */
export function defaultTasksMax(ramGiB: number): number {
  const tasks = Math.min(threadsMax(ramGiB), TASKS.pidMax - 1);
  return Math.floor((tasks * TASKS.defaultTasksMaxPercent) / 100);
}

export function roundUpTo(n: number, multiple: number): number {
  return Math.ceil(n / multiple) * multiple;
}

/** TasksMax to write for `tasks` at the peak with headroom, or null when DefaultTasksMax covers it. */
export function tasksMaxFor(tasks: number, ramGiB: number): number | null {
  return tasks > defaultTasksMax(ramGiB) ? roundUpTo(tasks, 1024) : null;
}

/** LimitNOFILE to write for a need, or null when the unit file's 65535 covers it. */
export function limitNofileFor(need: number): number | null {
  return need > UNIT_LIMIT_NOFILE ? roundUpTo(need, 1024) : null;
}
