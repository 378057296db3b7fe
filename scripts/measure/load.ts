/**
 * How busy the machine is around a measurement, so that a result taken on a busy machine is not
 * published as if it were quiet. Two readings:
 *   - the 1-minute load average before a run starts (the measurement itself adds to it later);
 *   - during a measuring window, the CPU time other processes used: the machine's busy time
 *     (/proc/stat) minus what the server's cgroups and the load generator's own process used.
 * The bounds are in src/lib/measured/results.ts (publicationBound, foreignCpuBound).
 */
import {cpus, loadavg} from 'node:os';
import {readFileSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';
import {foreignCpuBound, publicationBound, type LoadConditions} from '../../src/lib/measured/results';
import {median} from '../../src/lib/measured/stats';

const TICK = 100; // USER_HZ on Linux

/** CPU seconds the whole machine has been busy (everything but idle and iowait) since boot. */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return (user + nice + system + irq + softirq + steal) / TICK;
}

/** Measures the CPU others use during a window: start(), then stop() with the known CPU of our own processes. */
export class ForeignCpu {
  private busy0 = 0;
  private t0 = 0;

  start(): void {
    this.busy0 = machineBusySeconds();
    this.t0 = performance.now();
  }

  /** Cores used by others: (machine busy − ours) / wall time. Never below 0. */
  stop(ownCpuSeconds: number): number {
    const wall = (performance.now() - this.t0) / 1000;
    if (wall <= 0) return 0;
    return Math.max(0, (machineBusySeconds() - this.busy0 - ownCpuSeconds) / wall);
  }
}

export function load1(): number {
  return loadavg()[0];
}

/** Wait until the 1-minute load average is at most `bound`, for at most maxMs; returns whether it got there. */
export async function waitForLoad(bound: number, maxMs: number, log: (s: string) => void): Promise<boolean> {
  const t0 = Date.now();
  while (load1() > bound) {
    if (Date.now() - t0 >= maxMs) return false;
    log(`waiting for the 1-minute load average to fall to ${bound} (now ${loadavg().map((x) => x.toFixed(2)).join(' ')}, waited ${Math.round((Date.now() - t0) / 1000)} s)`);
    await sleep(30_000);
  }
  return true;
}

/** Collects the readings of one measurement (a section of the results file). */
export class LoadRecorder {
  readonly cpus = cpus().length;
  readonly before = loadavg().map((x) => Number(x.toFixed(2)));
  private max = this.before[0];
  private foreign: number[] = [];

  /** A reading between runs. */
  sample(): void {
    this.max = Math.max(this.max, load1());
  }

  /** The other processes' CPU during one measuring window. */
  window(foreignCores: number): void {
    this.foreign.push(foreignCores);
    this.sample();
  }

  conditions(): LoadConditions {
    const bound = {loadAvgBefore: publicationBound(this.cpus), foreignCpu: foreignCpuBound(this.cpus)};
    const fmed = this.foreign.length ? Number(median(this.foreign).toFixed(3)) : null;
    const fmax = this.foreign.length ? Number(Math.max(...this.foreign).toFixed(3)) : null;
    return {
      cpus: this.cpus,
      loadAvgBefore: this.before,
      loadAvgMax: Number(this.max.toFixed(2)),
      foreignCpuMedian: fmed,
      foreignCpuMax: fmax,
      bound,
      withinBound: this.before[0] <= bound.loadAvgBefore && (fmax === null || fmax <= bound.foreignCpu),
    };
  }
}
