/**
 * Runs the real doveconf of Dovecot 2.3 (host binary) and 2.4 (Debian 13 tree run with chroot)
 * on configuration text, and decides whether a configuration is "clean" as DESIGN.md defines it.
 * Each run gets a directory of its own (safe for parallel use) that is removed afterwards.
 *   DOVECONF23       the 2.3 doveconf command (default `doveconf`)
 *   DOVECOT24_ROOT   the 2.4 tree (default /opt/dovecot24); needs root for chroot
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, accessSync, constants} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export type Version = '2.3' | '2.4';

export interface RunResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const doveconf23 = (): string => process.env.DOVECONF23 || 'doveconf';
export const dovecot24Root = (): string => process.env.DOVECOT24_ROOT || '/opt/dovecot24';

/**
 * Runs doveconf of `version` on `configText`, written as dovecot.conf in a fresh directory, with
 * `args` after `-c FILE` (default `-n`). 2.4 runs inside the chroot on a copy under ROOT/cfg.
 */
export function runDoveconf(version: Version, configText: string, args: readonly string[] = ['-n']): RunResult {
  const parent = version === '2.3' ? tmpdir() : join(dovecot24Root(), 'cfg');
  if (version === '2.4') mkdirSync(parent, {recursive: true});
  const dir = mkdtempSync(join(parent, 'run.'));
  try {
    writeFileSync(join(dir, 'dovecot.conf'), configText);
    const r =
      version === '2.3'
        ? spawnSync(doveconf23(), ['-c', join(dir, 'dovecot.conf'), ...args], {encoding: 'utf8'})
        : spawnSync(
            'chroot',
            [dovecot24Root(), '/usr/bin/doveconf', '-c', `/cfg/${dir.split('/').pop()}/dovecot.conf`, ...args],
            {encoding: 'utf8'},
          );
    if (r.error) throw r.error;
    return {exitCode: r.status ?? (r.signal ? 128 : -1), stdout: r.stdout, stderr: r.stderr};
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

/** Which protocol a service serves (the protocol that must be in `protocols` for its checks). */
export const SERVICE_PROTOCOL: Readonly<Record<string, string>> = {
  imap: 'imap',
  'imap-login': 'imap',
  pop3: 'pop3',
  'pop3-login': 'pop3',
  submission: 'submission',
  'submission-login': 'submission',
  lmtp: 'lmtp',
  managesieve: 'sieve',
  'managesieve-login': 'sieve',
};

/** Strips comments and quotes, for the simple scans below. */
function meaningfulLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '');
}

/** Protocols of the `service NAME {` blocks in the text, in first-seen order. */
export function protocolsOfServices(text: string): string[] {
  const out: string[] = [];
  for (const line of meaningfulLines(text)) {
    const m = /^service\s+"?([A-Za-z0-9_-]+)"?\s*\{/.exec(line) ?? /^service\/([A-Za-z0-9_-]+)\//.exec(line);
    const p = m ? SERVICE_PROTOCOL[m[1]] : undefined;
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}

function setsGlobally(text: string, name: string): boolean {
  let depth = 0;
  for (const line of meaningfulLines(text)) {
    if (depth === 0 && new RegExp(`^${name}\\s*=`).test(line)) return true;
    depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
  }
  return false;
}

/**
 * The text as it is checked: for 2.4, `dovecot_config_version` / `dovecot_storage_version` 2.4.1
 * first unless the text sets them; for both, `protocols = ...` naming the protocols of the
 * services in the text (or `opts.protocols`) unless the text sets `protocols`.
 */
export function wrapForCheck(version: Version, configText: string, opts: {protocols?: string} = {}): string {
  const head: string[] = [];
  if (version === '2.4') {
    if (!setsGlobally(configText, 'dovecot_config_version')) head.push('dovecot_config_version = 2.4.1');
    if (!setsGlobally(configText, 'dovecot_storage_version')) head.push('dovecot_storage_version = 2.4.1');
  }
  if (!setsGlobally(configText, 'protocols')) {
    const protocols = opts.protocols !== undefined ? [opts.protocols] : protocolsOfServices(configText);
    if (protocols.length > 0) head.push(`protocols = ${protocols.join(' ')}`);
  }
  if (head.length === 0) return configText;
  // 2.4 needs dovecot_config_version as the very first setting: if the text has it, keep the text
  // first and put our lines after its first line.
  if (version === '2.4' && setsGlobally(configText, 'dovecot_config_version')) {
    const lines = configText.split('\n');
    const first = lines.findIndex((l) => /^\s*dovecot_config_version\s*=/.test(l));
    lines.splice(first + 1, 0, ...head);
    return lines.join('\n');
  }
  return `${head.join('\n')}\n${configText}`;
}

export interface CleanResult {
  /** Exit 0 and nothing on stderr. */
  readonly clean: boolean;
  readonly exitCode: number;
  readonly stderr: string;
  /** The text doveconf actually checked. */
  readonly wrapped: string;
}

/** DESIGN.md "clean in real doveconf": the wrapped text passes `doveconf -n` with empty stderr. */
export function checkClean(version: Version, configText: string, opts: {protocols?: string} = {}): CleanResult {
  const wrapped = wrapForCheck(version, configText, opts);
  const r = runDoveconf(version, wrapped, ['-n']);
  return {clean: r.exitCode === 0 && r.stderr === '', exitCode: r.exitCode, stderr: r.stderr, wrapped};
}

export interface Availability {
  readonly ok: boolean;
  /** One line per missing piece; empty when ok. */
  readonly missing: string[];
}

/** Whether both binaries can run here; when not, says exactly what is missing. */
export function binariesAvailable(): Availability {
  const missing: string[] = [];
  const r23 = spawnSync(doveconf23(), ['-c', '/dev/null', '-n'], {encoding: 'utf8'});
  if (r23.error) missing.push(`doveconf 2.3: cannot run "${doveconf23()}" (${r23.error.message}); set DOVECONF23 or run scripts/setup-system.sh dovecot23`);
  else if (!/^# 2\.3\./.test(r23.stdout)) missing.push(`doveconf 2.3: "${doveconf23()}" is not Dovecot 2.3 (${(r23.stdout.split('\n')[0] || r23.stderr.trim()).slice(0, 80)})`);

  const root = dovecot24Root();
  const bin = join(root, 'usr/bin/doveconf');
  if (!existsSync(bin)) {
    missing.push(`doveconf 2.4: ${bin} is missing; set DOVECOT24_ROOT or run scripts/setup-system.sh dovecot24`);
  } else if (!existsSync(join(root, 'dev/null'))) {
    missing.push(`doveconf 2.4: ${root}/dev/null is missing (the tree is incomplete); rerun scripts/setup-system.sh dovecot24`);
  } else {
    let cfgOk = true;
    try {
      accessSync(join(root, 'cfg'), constants.W_OK);
    } catch {
      cfgOk = false;
      missing.push(`doveconf 2.4: ${root}/cfg is missing or not writable`);
    }
    if (cfgOk) {
      const r24 = spawnSync('chroot', [root, '/usr/bin/doveconf', '-c', '/dev/null', '-d'], {encoding: 'utf8'});
      if (r24.error) missing.push(`doveconf 2.4: cannot run chroot (${r24.error.message})`);
      else if (r24.status !== 0) missing.push(`doveconf 2.4: chroot ${root} doveconf failed (exit ${r24.status}: ${r24.stderr.trim().slice(0, 120)}); chroot needs root`);
      else if (!/^# 2\.4\./.test(r24.stdout)) missing.push(`doveconf 2.4: ${bin} is not Dovecot 2.4`);
    }
  }
  return {ok: missing.length === 0, missing};
}

/** For tests: throws one readable line when a binary is missing, so the suite fails, never skips. */
export function requireBinaries(): void {
  const a = binariesAvailable();
  if (!a.ok) throw new Error(`real doveconf not available: ${a.missing.join('; ')}`);
}
