/**
 * `npm test`: every quality gate in one run, ending with one plain line `N passed, N failed`.
 * Stages: system setup check, typecheck, lint, unit and real-doveconf tests (Vitest), the
 * production build, Playwright in Debian Chromium against the build, and the fuzz stage (hostile
 * share links, pastes and permalinks in Chromium, one case at a time, failing on any main-thread
 * task over 1 s; FUZZ_SEED picks its generated cases). A stage that is a single check (typecheck,
 * lint, build) counts as one test; Vitest and Playwright count theirs.
 * Nothing is skipped: a missing browser or doveconf is installed when we can (root on Debian),
 * otherwise the run stops at once with one line saying what to do.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, rmSync} from 'node:fs';
import {fuzzRows, summaryLines, type Suite} from './lib/fuzzSummary';
import {missingSystemParts} from './system-check';

type Tally = {passed: number; failed: number};
const total: Tally = {passed: 0, failed: 0};
const summary: string[] = [];
const out = '.test-output';

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const r = spawnSync(cmd, args, {stdio: 'inherit', env: {...process.env, NO_COLOR: '1', ...env}});
  return r.status ?? 1;
}

function stage(name: string, tally: Tally): void {
  total.passed += tally.passed;
  total.failed += tally.failed;
  summary.push(`${name.padEnd(10)} ${tally.passed} passed, ${tally.failed} failed`);
}

function single(name: string, cmd: string, args: string[]): boolean {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const ok = run(cmd, args) === 0;
  stage(name, ok ? {passed: 1, failed: 0} : {passed: 0, failed: 1});
  return ok;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function vitest(): void {
  console.log('\n=== unit: vitest run (unit, property and real-doveconf tests)');
  const report = `${out}/vitest.json`;
  const rc = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  const json = readJson(report) as {numPassedTests?: number; numFailedTests?: number; numPendingTests?: number; numTodoTests?: number; numFailedTestSuites?: number} | null;
  if (!json) return stage('unit', {passed: 0, failed: 1});
  // A skipped or todo test hides a failure: it counts as failed here.
  const failed = (json.numFailedTests ?? 0) + (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0) + (json.numFailedTestSuites ?? 0);
  stage('unit', {passed: json.numPassedTests ?? 0, failed: failed || (rc === 0 ? 0 : 1)});
}

type PlaywrightReport = Suite & {stats?: {expected?: number; unexpected?: number; flaky?: number; skipped?: number}};

/** Runs one Playwright project; returns its report (null when there is none). */
function playwright(name: string, args: string[]): PlaywrightReport | null {
  const report = `${out}/${name}.json`;
  const rc = run('npx', ['playwright', 'test', ...args], {PLAYWRIGHT_JSON_OUTPUT: report});
  const json = readJson(report) as PlaywrightReport | null;
  if (!json?.stats) {
    stage(name, {passed: 0, failed: 1});
    return null;
  }
  const {expected = 0, unexpected = 0, flaky = 0, skipped = 0} = json.stats;
  stage(name, {passed: expected, failed: unexpected + flaky + skipped || (rc === 0 ? 0 : 1)});
  return json;
}

function e2e(): void {
  console.log('\n=== e2e: playwright test (Debian Chromium against the production build)');
  playwright('e2e', ['--project=chromium-debian']);
}

function fuzz(): void {
  const seed = Number(process.env.FUZZ_SEED ?? 18);
  console.log(`\n=== fuzz: hostile share links, pastes and permalinks in Chromium, one at a time (seed ${seed}; FUZZ_SEED=n for others)`);
  const report = playwright('fuzz', ['--project=fuzz', '--workers=1']);
  if (!report) return;
  const lines = summaryLines(fuzzRows(report), seed);
  summary.push(...lines);
  console.log(lines.join('\n'));
}

function main(): void {
  rmSync(out, {recursive: true, force: true});
  mkdirSync(out, {recursive: true});

  let missing = missingSystemParts();
  if (missing.length > 0 && process.getuid?.() === 0 && existsSync('/etc/debian_version')) {
    console.log(`=== setup: installing ${missing.map((m) => m.part).join(', ')} (scripts/setup-system.sh)`);
    run('bash', ['scripts/setup-system.sh', ...missing.map((m) => m.part)]);
    missing = missingSystemParts();
  }
  if (missing.length > 0) {
    console.log(`npm test cannot run: ${missing.map((m) => m.hint).join('; ')}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }

  single('typecheck', 'npx', ['tsc', '--noEmit']);
  single('lint', 'npx', ['eslint', '.']);
  vitest();
  const built = single('build', 'npm', ['run', 'build']);
  if (built) {
    e2e();
    fuzz();
  } else {
    stage('e2e', {passed: 0, failed: 1});
    stage('fuzz', {passed: 0, failed: 1});
  }

  console.log('\n=== summary');
  for (const line of summary) console.log(line);
  console.log(`${total.passed} passed, ${total.failed} failed`);
  process.exit(total.failed === 0 ? 0 : 1);
}

main();
