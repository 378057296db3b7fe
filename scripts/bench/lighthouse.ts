/**
 * One Lighthouse 12.8.2 run (mobile preset, simulated throttling: the trace's tasks times four,
 * on a slow 4G network), through npx with Debian's Chromium, and the figures the bench reports.
 */
import {spawn, spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {CHROMIUM_FLAGS, systemPaths} from '../system-check';

export const LIGHTHOUSE = 'lighthouse@12.8.2';

/** A run normally takes 15–40 s; on a loaded machine some never end, and one hung run must not stall the rest. */
export const RUN_TIMEOUT_S = 240;

export type LighthouseRun = {
  performance: number;
  accessibility?: number;
  bestPractices?: number;
  seo?: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  /** bytes of script transferred (as served: brotli) */
  jsTransfer: number;
};

type Report = {
  runtimeError?: {code?: string; message?: string};
  categories: Record<string, {score: number | null} | undefined>;
  audits: Record<string, {numericValue?: number; details?: {items?: {resourceType?: string; transferSize?: number}[]}} | undefined>;
};

/**
 * Runs a command without blocking this process (the sites it loads may be served from here); the
 * exit status and the end of what it wrote to stderr, to say why a run failed.
 */
function run(cmd: string, argv: string[], env: NodeJS.ProcessEnv): Promise<{status: number | null; stderr: string}> {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, {stdio: ['ignore', 'ignore', 'pipe'], env});
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    child.on('error', () => resolve({status: null, stderr}));
    child.on('close', (code) => resolve({status: code, stderr}));
  });
}

/** The last line of a failed run's stderr that says something (Lighthouse logs its error last). */
function lastMessage(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.length > 0 ? `: ${lines[lines.length - 1].slice(0, 300)}` : '';
}

/**
 * `categories` limits the run (the comparison needs performance only). Requests to third-party
 * trackers a peer embeds are blocked: the closed network here would only make them time out.
 */
export async function lighthouse(url: string, opts: {categories?: string[]; outDir: string}): Promise<LighthouseRun | null> {
  const outFile = join(opts.outDir, 'lh.json');
  rmSync(outFile, {force: true});
  // Chromium is started detached by Lighthouse's launcher, so a timeout of the command alone
  // would leave it running: a flag Chromium ignores marks this run's browser for the cleanup.
  const mark = `--bench-run-${randomBytes(6).toString('hex')}`;
  const argv = [
    '--kill-after=10',
    String(RUN_TIMEOUT_S),
    'npx',
    '-y',
    LIGHTHOUSE,
    url,
    `--chrome-flags=${[...CHROMIUM_FLAGS, mark].join(' ')}`,
    '--output=json',
    `--output-path=${outFile}`,
    '--quiet',
    '--blocked-url-patterns=*googletagmanager.com*',
    '--blocked-url-patterns=*google-analytics.com*',
  ];
  if (opts.categories) argv.push(`--only-categories=${opts.categories.join(',')}`);
  // coreutils' timeout signals the whole process group of npx and Lighthouse.
  const {status, stderr} = await run('timeout', argv, {...process.env, CHROME_PATH: systemPaths.chromium});
  spawnSync('pkill', ['-KILL', '-f', mark.slice(2)], {stdio: 'ignore'}); // a pattern may not start with a dash
  if (status === 124 || status === 137) {
    console.warn(`lighthouse: ${url} took over ${RUN_TIMEOUT_S} s, run dropped`);
    return null;
  }
  if (status !== 0 || !existsSync(outFile)) {
    console.warn(`lighthouse: ${url} failed (exit status ${status ?? 'none'}${existsSync(outFile) ? '' : ', no report'}), run dropped${lastMessage(stderr)}`);
    return null;
  }
  const j = JSON.parse(readFileSync(outFile, 'utf8')) as Report;
  const score = (c: string) => {
    const s = j.categories[c]?.score;
    return s === null || s === undefined ? undefined : Math.round(s * 100);
  };
  const value = (a: string) => j.audits[a]?.numericValue ?? NaN;
  const requests = j.audits['network-requests']?.details?.items ?? [];
  const performance = score('performance');
  if (performance === undefined) {
    // a page Lighthouse could not measure (NO_FCP, a navigation timeout…) says why in runtimeError
    console.warn(`lighthouse: ${url} has no performance score (${j.runtimeError?.code ?? 'no reason given'}: ${j.runtimeError?.message ?? ''}), run dropped`);
    return null;
  }
  return {
    performance,
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    fcp: Math.round(value('first-contentful-paint')),
    lcp: Math.round(value('largest-contentful-paint')),
    tbt: Math.round(value('total-blocking-time')),
    cls: value('cumulative-layout-shift'),
    jsTransfer: requests.filter((q) => q.resourceType === 'Script').reduce((n, q) => n + (q.transferSize ?? 0), 0),
  };
}
