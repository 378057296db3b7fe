/**
 * The public corpus: real configurations and log lines from public sources (configs.json,
 * logs.json, configs/*), each with its source URL and licence. This module loads it, renders
 * templates with the substitutions recorded in each fixture, and runs the real doveconf of a
 * version on a rendered config with the files it reads stubbed in the run's own folder.
 */
import {execFile} from 'node:child_process';
import {mkdirSync, readFileSync} from 'node:fs';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {doveconf23, dovecot24Root, wrapForCheck, type Version} from '../doveconf/doveconf';

export const CORPUS_DIR = __dirname;

/** The Dovecot series a config was written for (older series are judged by 2.3's doveconf). */
export type Series = '1.2' | '2.0' | '2.1' | '2.2' | '2.3' | '2.4';

/** One literal substitution of a template: `from` must occur in the text. */
export interface Substitution {
  from: string;
  to: string;
}

export interface ConfigItem {
  id: string;
  /** Path of the text as pasted, relative to tests/corpus. */
  file: string;
  /** What it is: doveconf -n output, a whole dovecot.conf, a conf.d file, or a template. */
  kind: 'doveconf-n' | 'dovecot.conf' | 'conf.d' | 'template';
  /** For templates: the templating (jinja, erb, salt-jinja, nix, shell, php, perl, sed, m4, ...). */
  template?: string;
  series: Series;
  /** The exact release, when the source says. */
  release?: string;
  source: string;
  licence: string;
  /** What makes it hard (2.3 vs 2.4 names, unnamed listeners, template branches, `<` files ...). */
  hard: string;
  /** Substitutions that turn the template into what Dovecot reads, applied in order. */
  render?: Substitution[];
  /**
   * Files the config reads (`!include`, `<file`): path (absolute as written, or relative to the
   * config) → content. They are created in the run's folder; the config's paths point there.
   */
  stubs?: Record<string, string>;
  /**
   * Substitutions for the judge's system only (never shown to the explainer): a user the
   * config names that the checking system does not have, and why.
   */
  environment?: (Substitution & {why: string})[];
  /**
   * Real problems the explainer must call out although doveconf accepts them: the service it is
   * about (absent: anywhere), words the explanation must contain, and why it is a problem.
   */
  callouts?: Callout[];
  /**
   * When the text is written in another series' syntax than its source meant (a 2.4 manual's
   * example with a 2.3-only construct): that series, and why. Reporting it is right too.
   */
  readsAs?: {series: Series; why: string};
}

export interface Callout {
  service?: string;
  words: string[];
  why: string;
}

export interface LogExpectation {
  /** The service the line is about, when it names one. */
  service?: string;
  /** Words the explanation (title and meaning) must contain: the cause as the source found it. */
  cause: string[];
  /**
   * The setting the source changed to fix it (absent: the fix is not a setting). A list when the
   * source offers equivalent fixes (e.g. the service's limit or the global default it inherits).
   */
  setting?: string | string[];
  /** Words the fix must contain (what the source did). */
  fix?: string[];
  /**
   * A calculator link is expected (true: the fix is a limit of one service) or must be absent
   * (false: the fix is not a service limit); left out when either is fine.
   */
  calculator?: boolean;
}

export interface LogItem {
  id: string;
  source: string;
  licence: string;
  /** The Dovecot series that printed it, when known. */
  series?: Series;
  /** The lines as the source shows them (prefixes, wrapping and escapes kept). */
  lines: string[];
  /** What the source established as the cause, and what fixed it (in our words). */
  cause: string;
  fix: string;
  hard?: string;
  expect: LogExpectation;
}

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(CORPUS_DIR, name), 'utf8')) as T;
}

export function loadConfigs(): ConfigItem[] {
  return readJson<ConfigItem[]>('configs.json');
}

export function loadLogs(): LogItem[] {
  return readJson<LogItem[]>('logs.json');
}

export function configText(item: ConfigItem): string {
  return readFileSync(join(CORPUS_DIR, item.file), 'utf8');
}

/** The doveconf that judges a series: 2.4 for 2.4, 2.3 for 2.3 and older. */
export function judgeVersion(series: Series): Version {
  return series === '2.4' ? '2.4' : '2.3';
}

/** Applies the fixture's substitutions; throws if one of them does not occur (a stale fixture). */
export function render(item: ConfigItem, text: string): string {
  let out = text;
  for (const s of item.render ?? []) {
    if (!out.includes(s.from)) throw new Error(`${item.id}: substitution not found: ${JSON.stringify(s.from.slice(0, 80))}`);
    out = out.split(s.from).join(s.to);
  }
  return out;
}

/** Template syntax left in a rendered text (a render that missed something). */
export const TEMPLATE_SYNTAX = /\{\{|\}\}|\{%|%\}|<%[=#\s-]|-?%>|\$\{[A-Za-z_]|@@[A-Z]|\bPH_[A-Z_]{2,}|^\s*[\w.-]+:\s*\|?\s*$/;

/**
 * Line numbers (1-based) of the raw text that hold template syntax: every line containing a
 * one-line substitution, and the lines of a multi-line one (a branch) that carry template syntax
 * themselves (the plain configuration inside a branch is not template syntax).
 */
export function templateLines(item: ConfigItem, text: string): number[] {
  const raw = text.split('\n');
  const lines = new Set<number>();
  for (const s of item.render ?? []) {
    if (!s.from.includes('\n')) {
      raw.forEach((l, i) => {
        if (l.includes(s.from)) lines.add(i + 1);
      });
      continue;
    }
    let at = text.indexOf(s.from);
    while (at >= 0) {
      const first = text.slice(0, at).split('\n').length;
      const count = s.from.split('\n').length - (s.from.endsWith('\n') ? 1 : 0);
      for (let i = 0; i < count; i++) if (TEMPLATE_SYNTAX.test(raw[first + i - 1] ?? '')) lines.add(first + i);
      at = text.indexOf(s.from, at + s.from.length);
    }
  }
  return [...lines].sort((a, b) => a - b);
}

export interface JudgeRun {
  exitCode: number;
  stderr: string;
  /** The text doveconf read (wrapped as DESIGN.md's clean check defines, paths pointed at stubs). */
  checked: string;
}

const PATH_VALUE = /^(\s*(?:!include(?:_try)?\s+|[A-Za-z0-9_]+\s*=\s*<))(\/[^\s"]+)/;

/**
 * Runs `doveconf -n` of `version` on `text` wrapped for the check, with the stubs written into the
 * run's folder: absolute paths of `!include` and `<file` values are pointed into `root/` there, so
 * a missing one is missing as it would be on a server, and a stubbed one is read.
 */
export async function judge(
  version: Version,
  text: string,
  stubs: Record<string, string> = {},
  environment: readonly Substitution[] = [],
): Promise<JudgeRun> {
  const parent = version === '2.3' ? tmpdir() : join(dovecot24Root(), 'cfg');
  if (version === '2.4') mkdirSync(parent, {recursive: true});
  const dir = await mkdtemp(join(parent, 'corpus.'));
  // the path doveconf sees for the run folder
  const seen = version === '2.3' ? dir : `/cfg/${dir.split('/').pop()}`;
  try {
    for (const [path, content] of Object.entries(stubs)) {
      const target = path.startsWith('/') ? join(dir, 'root', path) : join(dir, path);
      await mkdir(dirname(target), {recursive: true});
      await writeFile(target, content);
    }
    const adapted = environment.reduce((t, e) => t.split(e.from).join(e.to), text);
    const pointed = wrapForCheck(version, adapted)
      .split('\n')
      .map((line) => line.replace(PATH_VALUE, (_m, head: string, path: string) => `${head}${seen}/root${path}`))
      .join('\n');
    await writeFile(join(dir, 'dovecot.conf'), pointed);
    const file = `${seen}/dovecot.conf`;
    const [cmd, argv] = version === '2.3' ? [doveconf23(), ['-c', file, '-n']] : ['chroot', [dovecot24Root(), '/usr/bin/doveconf', '-c', file, '-n']];
    const r = await new Promise<{code: number; stderr: string}>((resolve, reject) => {
      execFile(cmd, argv, {encoding: 'utf8', maxBuffer: 16 * 1024 * 1024}, (error, _stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({code: error ? (error.code as number) : 0, stderr});
      });
    });
    // messages name the run's files: give them back their names as written
    const stderr = r.stderr.split(`${seen}/root/`).join('/').split(`${seen}/`).join('');
    return {exitCode: r.code, stderr, checked: pointed.split(`${seen}/root/`).join('/')};
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
}
