/**
 * Tables and charts of data/measured/results.json for the /measured page and the blog post.
 * Everything is computed while the site is rendered (SSR); the browser only hydrates markup.
 * Each component takes `results` so tests can pass a fixed data set.
 */
import React from 'react';
import rawResults from '@site/data/measured/results.json';
import WideTable from '@site/src/components/WideTable';
import MeasuredChart, {type ChartRow} from '@site/src/components/MeasuredChart';
import {FACTORS, SERVER_LABEL, TLS_LABEL, conditionsOf, factorEffect, fmt, fmtRange, gridModes, hasLegacyCacheModes, legacyCacheRepeats, modeLabel, summarize, type LoadConditions, type Metric, type ModeResult, type Results, type ServerId, type Within} from '@site/src/lib/measured/results';
import {figure} from '@site/src/lib/measured/figures';

export const defaultResults = rawResults as unknown as Results;

type WithResults = {results?: Results};

const METRIC: Record<Metric, {title: string; unit: string}> = {
  loginsPerS: {title: 'Logins per second', unit: 'logins/s'},
  latencyP50: {title: 'Login latency, median', unit: 'ms'},
  latencyP95: {title: 'Login latency, 95th percentile', unit: 'ms'},
  latencyP99: {title: 'Login latency, 99th percentile', unit: 'ms'},
  forksPerLogin: {title: 'Processes forked per login', unit: 'processes'},
  mailProcessesPerLogin: {title: 'imap processes per login', unit: 'processes'},
  cpuSPer1000Logins: {title: 'CPU seconds per 1 000 logins (whole server tree)', unit: 'CPU s'},
  serverCpuUtil: {title: 'Server CPU use', unit: 'cores'},
  generatorCpuUtil: {title: 'Load generator CPU use', unit: 'cores'},
  peakRssMiB: {title: 'Peak RSS of the server tree (sum)', unit: 'MiB'},
  peakPssMiB: {title: 'Peak PSS of the server tree (shared pages shared out)', unit: 'MiB'},
  cacheHitPct: {title: 'Auth cache hits', unit: '%'},
  backendCpuSPer1000Logins: {title: 'Database CPU seconds per 1 000 logins', unit: 'CPU s'},
  backendQueriesPerLogin: {title: 'Database queries per login', unit: 'queries'},
};

function modesOf(results: Results, servers?: ServerId[]): ModeResult[] {
  return gridModes(results).filter((m) => !servers || servers.includes(m.server));
}

/** Chart rows for one metric: one bar per mode, grouped by server. */
export function chartRows(results: Results, metric: Metric, servers?: ServerId[], tls?: Results['modes'][number]['tls'][]): ChartRow[] {
  return modesOf(results, servers)
    .filter((m) => !tls || tls.includes(m.tls))
    .map((m) => {
      const s = summarize(m, metric);
      const short = m.server === 'dovecot-2.3' ? '2.3' : m.server === 'dovecot-2.4' ? '2.4' : '';
      const label = (servers && servers.length === 1) || !short ? modeLabel(m) : `${short} · ${modeLabel(m)}`;
      return {label, value: s.median, min: s.min, max: s.max, group: SERVER_LABEL[m.server]};
    });
}

export function MeasuredMetricChart({results = defaultResults, metric, servers, tls}: WithResults & {metric: Metric; servers?: ServerId[]; tls?: ModeResult['tls'][]}): React.ReactElement {
  const rows = chartRows(results, metric, servers, tls);
  const groups = [...new Set(rows.map((r) => r.group!))];
  const suffix = !tls ? '' : tls.length === 1 ? ` (${TLS_LABEL[tls[0]]})` : tls.includes('none') ? '' : ' (TLS)';
  return <MeasuredChart title={`${METRIC[metric].title}${suffix}`} unit={METRIC[metric].unit} rows={rows} groups={groups} id={`chart-${metric}-${(servers ?? ['all']).join('-')}-${(tls ?? ['all']).join('-')}`} />;
}

/** Every mode of one server with its figures: median and the range over runs. */
export function MeasuredModeTable({results = defaultResults, server}: WithResults & {server: ServerId}): React.ReactElement {
  const modes = modesOf(results, [server]);
  return (
    <WideTable>
      <thead>
        <tr>
          <th>Mode</th>
          <th>Logins/s (range)</th>
          <th>Latency p50 / p95 / p99 (ms)</th>
          <th>Forks per login</th>
          {server !== 'courier' && <th>imap processes per login</th>}
          <th>CPU s per 1 000 logins</th>
          <th>Peak RSS / PSS (MiB)</th>
          <th>Runs</th>
        </tr>
      </thead>
      <tbody>
        {modes.map((m) => {
          const s = (k: Metric) => summarize(m, k);
          const ok = m.runs.filter((r) => r.ok).length;
          return (
            <tr key={m.id}>
              <td>{modeLabel(m)}</td>
              <td>
                <strong>{fmt(s('loginsPerS').median)}</strong> ({fmtRange(s('loginsPerS'))})
              </td>
              <td>
                {fmt(s('latencyP50').median)} / {fmt(s('latencyP95').median)} / {fmt(s('latencyP99').median)}
              </td>
              <td>{fmt(s('forksPerLogin').median, 2)}</td>
              {server !== 'courier' && <td>{fmt(s('mailProcessesPerLogin').median, 2)}</td>}
              <td>
                {fmt(s('cpuSPer1000Logins').median)} ({fmtRange(s('cpuSPer1000Logins'))})
              </td>
              <td>
                {fmt(s('peakRssMiB').median)} / {fmt(s('peakPssMiB').median)}
              </td>
              <td>
                {ok}/{m.runs.length}
              </td>
            </tr>
          );
        })}
      </tbody>
    </WideTable>
  );
}

/**
 * The factor table's rows. Reusing imap processes gains two different amounts depending on the
 * login mode (about 1.3x with high-security, 2x with high-performance login processes), so it gets
 * a row per login mode instead of one median that describes neither.
 */
const FACTOR_ROWS: {f: (typeof FACTORS)[number]; within?: Within; suffix: string}[] = FACTORS.flatMap((f) =>
  f.factor === 'imap'
    ? [
        {f, within: {login: 'high-security' as const}, suffix: ', high-security login'},
        {f, within: {login: 'high-performance' as const}, suffix: ', high-performance login'},
      ]
    : [{f, suffix: ''}],
);

/** What flipping one setting does, over every combination of the others. */
export function MeasuredFactorTable({results = defaultResults, server = 'dovecot-2.3'}: WithResults & {server?: ServerId}): React.ReactElement {
  return (
    <WideTable>
      <thead>
        <tr>
          <th>Change</th>
          <th>Logins/s ratio: median (range over pairs)</th>
          <th>CPU per login ratio: median (range)</th>
          <th>p95 latency ratio: median (range)</th>
          <th>Pairs</th>
        </tr>
      </thead>
      <tbody>
        {FACTOR_ROWS.map(({f, within, suffix}) => {
          const l = factorEffect(results, server, f.factor, 'loginsPerS', within);
          const c = factorEffect(results, server, f.factor, 'cpuSPer1000Logins', within);
          const p = factorEffect(results, server, f.factor, 'latencyP95', within);
          if (l.n === 0) return null;
          return (
            <tr key={`${f.factor}${suffix}`}>
              <td>
                {f.label}
                {suffix}
              </td>
              <td>
                <strong>×{fmt(l.median, 2)}</strong> ({fmtRange(l, 2)})
              </td>
              <td>
                ×{fmt(c.median, 2)} ({fmtRange(c, 2)})
              </td>
              <td>
                ×{fmt(p.median, 2)} ({fmtRange(p, 2)})
              </td>
              <td>{l.n}</td>
            </tr>
          );
        })}
      </tbody>
    </WideTable>
  );
}

/** Resident memory per process name, over every sample of every run of the given servers. */
export function MeasuredProcessMemory({results = defaultResults, server = 'dovecot-2.3'}: WithResults & {server?: ServerId}): React.ReactElement {
  const by = new Map<string, {p50: number[]; max: number; count: number}>();
  for (const m of modesOf(results, [server])) {
    for (const r of m.runs) {
      if (!r.ok) continue;
      for (const [name, v] of Object.entries(r.rssByProcess)) {
        const e = by.get(name) ?? {p50: [], max: 0, count: 0};
        e.p50.push(v.p50KiB);
        e.max = Math.max(e.max, v.maxKiB);
        e.count = Math.max(e.count, v.maxCount);
        by.set(name, e);
      }
    }
  }
  const rows = [...by].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return (
    <WideTable>
      <thead>
        <tr>
          <th>Process</th>
          <th>RSS, median over runs (MiB)</th>
          <th>RSS, largest seen (MiB)</th>
          <th>Most at once</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, e]) => (
          <tr key={name}>
            <td>
              <code>{name}</code>
            </td>
            <td>{fmt(summarizeList(e.p50) / 1024, 2)}</td>
            <td>{fmt(e.max / 1024, 2)}</td>
            <td>{e.count}</td>
          </tr>
        ))}
      </tbody>
    </WideTable>
  );
}

function summarizeList(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}

/** Distinct limit, warning and error lines from the servers' logs, with the modes that logged them. */
export function MeasuredLogLines({results = defaultResults}: WithResults): React.ReactElement {
  const lines = new Map<string, Set<string>>();
  for (const m of gridModes(results)) {
    for (const r of m.runs) {
      for (const l of [...r.limitLines, ...r.warnings, ...r.errors]) {
        const set = lines.get(l) ?? new Set<string>();
        set.add(`${SERVER_LABEL[m.server]}: ${modeLabel(m)}`);
        lines.set(l, set);
      }
    }
  }
  if (lines.size === 0) return <p>No limit, warning or error line in any run.</p>;
  return (
    <ul>
      {[...lines].map(([line, modes]) => (
        <li key={line}>
          <code>{line}</code> — in {modes.size} mode{modes.size === 1 ? '' : 's'}: {[...modes].slice(0, 4).join('; ')}
          {modes.size > 4 ? '; …' : ''}
        </li>
      ))}
    </ul>
  );
}

/** Machine, versions, parameters and methods, from the results file. */
export function MeasuredSetup({results = defaultResults}: WithResults): React.ReactElement {
  const {machine, parameters: p, pinning} = results;
  return (
    <ul>
      <li>
        Measured on {results.generatedAt.slice(0, 10)} ({results.generatedAt.slice(11, 16)} UTC), run took {Math.round(results.durationS / 60)} minutes:{' '}
        <code>{results.command}</code>
      </li>
      <li>
        Machine: {machine.cpus} CPUs ({machine.cpuModel}), {machine.ramGiB} GiB RAM, Linux {machine.kernel}, {machine.os}, Node {machine.node}
      </li>
      <li>
        Pinning: server {pinning.server}; load generator and sampler {pinning.generator}.
      </li>
      <li>
        <ConditionsText conditions={conditionsOf(results)} />
      </li>
      {results.servers.map((s) => (
        <li key={s.id}>
          {SERVER_LABEL[s.id]}: {s.version ?? 'not available'} ({s.status}) — {s.note}
        </li>
      ))}
      <li>
        Load: {p.concurrency} concurrent clients, {p.users} users with {p.messagesPerUser} messages each, session {p.session}. Passwords {p.passwordScheme}; TLS {p.tlsCertificate}.
      </li>
      <li>
        Each run: warm-up {p.warmupS} s (and until {p.warmupLogins} logins, so every user logged in once and caches are warm), then a {p.measureS} s measuring window; {p.reps} runs per mode, interleaved (run 1 of every mode, then run 2, …), session timeout {p.sessionTimeoutMs / 1000} s.
      </li>
    </ul>
  );
}

export function MeasuredMethods({results = defaultResults}: WithResults): React.ReactElement {
  return (
    <ul>
      {Object.entries(results.methods).map(([k, v]) => (
        <li key={k}>
          <strong>{k}</strong>: {v}
        </li>
      ))}
    </ul>
  );
}

export function MeasuredLeftOut({results = defaultResults}: WithResults): React.ReactElement {
  return (
    <ul>
      {results.leftOut.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}

/** The spread of repeated runs: the largest relative spread of logins/s and its mode. */
export function MeasuredNoise({results = defaultResults}: WithResults): React.ReactElement {
  const spreads = gridModes(results).map((m) => ({m, s: summarize(m, 'loginsPerS')})).filter((x) => Number.isFinite(x.s.relSpread));
  spreads.sort((a, b) => a.s.relSpread - b.s.relSpread);
  const med = spreads.length ? spreads[Math.floor((spreads.length - 1) / 2)].s.relSpread : NaN;
  const worst = spreads[spreads.length - 1];
  return (
    <p>
      Across the {spreads.length} modes, the runs of one mode differed in logins per second by a median of {fmt(med * 100, 2)} % of their median (highest minus lowest run)
      {worst ? (
        <>
          ; the widest was {SERVER_LABEL[worst.m.server]} {modeLabel(worst.m)} at {fmt(worst.s.relSpread * 100, 2)} % ({fmtRange(worst.s)} logins/s)
        </>
      ) : null}
      .
    </p>
  );
}

/** One number from the results, inline in the prose (see src/lib/measured/figures.ts). */
export function MeasuredFigure({results = defaultResults, name, digits = 2, scale = 1}: WithResults & {name: string; digits?: number; scale?: number}): React.ReactElement {
  const v = figure(results, name);
  return <>{v === null ? '–' : fmt(v * scale, digits)}</>;
}

/** The load on the machine, and whether it was within the bound the harness publishes under. */
export function ConditionsText({conditions: c}: {conditions: LoadConditions}): React.ReactElement {
  const before = c.loadAvgBefore.length ? c.loadAvgBefore.map((x) => fmt(x, 2)).join(', ') : 'not recorded';
  const foreign = c.foreignCpuMax === null ? null : `other processes used at most ${fmt(c.foreignCpuMax, 2)} cores during a measuring window (median ${fmt(c.foreignCpuMedian, 2)})`;
  return (
    <>
      Load average (1, 5, 15 min) before the first run: {before} on {c.cpus} CPUs{foreign ? `; ${foreign}` : ''}. The harness publishes only below a load average of{' '}
      {fmt(c.bound.loadAvgBefore, 2)} before the run and {fmt(c.bound.foreignCpu, 2)} cores of other work during each window.{' '}
      {c.withinBound ? (
        <>This run was within both bounds.</>
      ) : (
        <strong>This run was not: the machine was busy with other work, so treat the absolute figures as indicative and the ratios between modes with care.</strong>
      )}
    </>
  );
}

/** How the grid treats the auth cache: not a factor; an older file's cache-on runs are explained. */
export function MeasuredLegacyCacheNote({results = defaultResults}: WithResults): React.ReactElement {
  if (!hasLegacyCacheModes(results)) {
    return <p>The auth cache is not a factor of this grid: its passwd-file passdb has no cache key, so the cache would never be used.</p>;
  }
  const repeats = legacyCacheRepeats(results).length;
  const kept = results.modes.filter((m) => m.authCache === true).length - repeats;
  return (
    <p>
      These results come from a run that also switched <code>auth_cache_size</code> on in some modes, with the passwd-file passdb. That changed nothing: passwd-file has no cache
      key, so the auth process neither stored nor found an entry (0 hits, 0 inserts). The {repeats} modes that repeated a cache-off mode are left out of every table and chart
      here{kept > 0 ? `; the ${kept} that had no cache-off twin are shown as what they measured, the same configuration without a cache` : ''}.
    </p>
  );
}
