/**
 * Which top-level setting names a real doveconf knows: every name written into one config (with a
 * value), doveconf run, and each name it stops at as an unknown setting taken out and the rest run
 * again. A name it stops at for another reason (a value it refuses) is known. Runs as many times
 * as there are names it stops at, plus one.
 */
import {runDoveconf, type Version} from './doveconf';

export interface Classified {
  known: string[];
  unknown: string[];
}

export function classifyNames(version: Version, entries: readonly (readonly [name: string, value: string])[]): Classified {
  const head = version === '2.4' ? ['dovecot_config_version = 2.4.1', 'dovecot_storage_version = 2.4.1'] : [];
  const left = [...entries];
  const known: string[] = [];
  const unknown: string[] = [];
  for (let guard = 0; left.length > 0 && guard < entries.length + 1; guard++) {
    const text = [...head, ...left.map(([n, v]) => `${n} = ${v}`)].join('\n') + '\n';
    const r = runDoveconf(version, text, ['-n']);
    const m = /line (\d+): (.*)$/m.exec(r.stderr.split('\n').find((l) => l.includes('Fatal:')) ?? '');
    if (r.exitCode === 0 || !m) {
      known.push(...left.map(([n]) => n));
      break;
    }
    const at = Number(m[1]) - head.length - 1;
    if (at < 0 || at >= left.length) throw new Error(`doveconf ${version} stopped outside the names: ${r.stderr.trim()}`);
    const [name] = left.splice(at, 1)[0];
    (m[2].includes('Unknown setting') ? unknown : known).push(name);
  }
  return {known: known.sort(), unknown: unknown.sort()};
}
