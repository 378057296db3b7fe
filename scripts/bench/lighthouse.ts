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
 * exit status and the end of what it wrote to stderr, to say why a run failed. It resolves when the
 * command exits: a process it left behind holding the pipe open gets 2 s to let go, then is ignored.
 */
function run(cmd: string, argv: string[], env: NodeJS.ProcessEnv): Promise<{status: number | null; stderr: string}> {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, {stdio: ['ignore', 'ignore', 'pipe'], env});
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr = (stderr + d).slice(-4000);
    });
    child.on('error', () => resolve({status: null, stderr}));
    child.on('exit', (code) => {
      const done = () => {
        clearTimeout(timer);
        child.stderr.destroy();
        resolve({status: code, stderr});
      };
      const timer = setTimeout(done, 2000);
      child.stderr.once('close', done);
      if (child.stderr.closed) done();
    });
  });
}

/**
 * Why a failed run failed, from what Lighthouse wrote: its "Runtime error encountered" line (it
 * prints the error's stack after it), else the last line that is not a stack frame.
 */
export function failureReason(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const said = [...lines].reverse().find((l) => /^Runtime error encountered:|^Unable to connect|Protocol.*timed out/i.test(l)) ?? [...lines].reverse().find((l) => !/^at\s/.test(l));
  return said ? said.slice(0, 300) : 'nothing on stderr';
}

type Failure = {failed: string; timedOut: boolean};

/**
 * `categories` limits the run (the comparison needs performance only). Requests to third-party
 * trackers a peer embeds are blocked: the closed network here would only make them time out.
 * `retries`: how often a run that failed is tried again at once (not one that timed out, which
 * would only cost minutes more); Lighthouse itself asks for that when its trace lost the
 * navigation (NO_NAVSTART, about one run in 25 here). Each failure is reported with its reason.
 */
export async function lighthouse(url: string, opts: {categories?: string[]; outDir: string; retries?: number}): Promise<LighthouseRun | null> {
  for (let attempt = 0; ; attempt++) {
    const r = await lighthouseOnce(url, opts);
    if (!('failed' in r)) return r;
    const again = !r.timedOut && attempt < (opts.retries ?? 0);
    console.warn(`lighthouse: ${url}: ${r.failed}; ${again ? 'trying again' : 'run dropped'}`);
    if (!again) return null;
  }
}

async function lighthouseOnce(url: string, opts: {categories?: string[]; outDir: string}): Promise<LighthouseRun | Failure> {
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
  if (status === 124 || status === 137) return {failed: `took over ${RUN_TIMEOUT_S} s`, timedOut: true};
  const report = existsSync(outFile) ? (JSON.parse(readFileSync(outFile, 'utf8')) as Report) : null;
  // Lighthouse exits with 1 when the page could not be measured (NO_FCP, NO_NAVSTART…) and says why in the report
  const reported = report?.runtimeError ? `${report.runtimeError.code ?? 'error'}: ${report.runtimeError.message ?? ''}` : null;
  if (status !== 0 || !report) return {failed: `exit status ${status ?? 'none'}, ${reported ?? failureReason(stderr)}`, timedOut: false};
  const score = (c: string) => {
    const s = report.categories[c]?.score;
    return s === null || s === undefined ? undefined : Math.round(s * 100);
  };
  const value = (a: string) => report.audits[a]?.numericValue ?? NaN;
  const requests = report.audits['network-requests']?.details?.items ?? [];
  const performance = score('performance');
  if (performance === undefined) return {failed: `no performance score (${reported ?? 'no reason given'})`, timedOut: false};
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
