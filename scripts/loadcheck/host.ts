/**
 * What the host must allow before a master can hold thousands of sessions, raised for the run and
 * put back afterwards:
 *  - fs.inotify.max_user_instances: every imap process in IDLE opens one inotify instance, and all
 *    mail processes run as one uid here (as with any virtual-user setup). Debian's default of 128
 *    makes the 129th IDLE session log `Inotify instance limit for user UID N exceeded, disabling`
 *    and fall back to polling (src/lib/ioloop-notify-inotify.c).
 *  - the open-files limit: the master inherits `ulimit -n` from the harness's shell; the check runs
 *    with the config's LimitNOFILE, but never above the hard limit this process may set.
 */
import {spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';

const INOTIFY = '/proc/sys/fs/inotify/max_user_instances';

function readNumber(path: string): number | null {
  try {
    const n = Number(readFileSync(path, 'utf8').trim());
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}

export type HostPrep = {
  /** What was raised, for the results ("fs.inotify.max_user_instances 128 → 4352"). */
  raised: string[];
  /** The hard open-files limit of this process (the most a master can get here). */
  hardNofile: number;
  restore(): void;
};

/** The inotify instances `sessions` IDLE sessions need, with room for everything else on the host. */
export function inotifyNeed(sessions: number): number {
  return sessions + 1024;
}

export function prepareHost(maxSessions: number): HostPrep {
  const raised: string[] = [];
  const restores: (() => void)[] = [];
  const was = readNumber(INOTIFY);
  const need = inotifyNeed(maxSessions);
  if (was !== null && was < need) {
    try {
      writeFileSync(INOTIFY, String(need));
      raised.push(`fs.inotify.max_user_instances ${was} → ${need}`);
      restores.push(() => {
        // Put back only what we set: another run may have raised it further meanwhile.
        if (readNumber(INOTIFY) === need) writeFileSync(INOTIFY, String(was));
      });
    } catch (e) {
      raised.push(`fs.inotify.max_user_instances stays ${was} (cannot raise it: ${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const hard = Number(spawnSync('sh', ['-c', 'ulimit -Hn'], {encoding: 'utf8'}).stdout.trim());
  return {
    raised,
    hardNofile: Number.isFinite(hard) && hard > 0 ? hard : 1024,
    restore: () => {
      for (const r of restores.splice(0)) {
        try {
          r();
        } catch {
          // best effort
        }
      }
    },
  };
}
