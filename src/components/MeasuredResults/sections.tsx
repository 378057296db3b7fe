/**
 * The /measured page's separate experiments, each a section of data/measured/results.json of its
 * own: the auth cache with a PostgreSQL backend, memory per TLS session in a high-performance login
 * process, and reconnecting clients after `doveadm reload`. A section that the published file does
 * not hold yet says so, with the command that measures it.
 */
import React from 'react';
import Link from '@docusaurus/Link';
import WideTable from '@site/src/components/WideTable';
import {SERVER_LABEL, TLS_LABEL, fmt, fmtRange, summarize, type AuthCacheMode, type Results, type Section} from '@site/src/lib/measured/results';
import {spread} from '@site/src/lib/measured/stats';
import {figure} from '@site/src/lib/measured/figures';
import {ConditionsText, defaultResults} from './components';
import {formatNumber} from '@site/src/lib/numberFormat';

type WithResults = {results?: Results};

function NotYet({what, command}: {what: string; command: string}): React.ReactElement {
  return (
    <p>
      <em>
        The published results file does not hold {what} yet. <code>{command}</code> measures it (as root, on a quiet machine); this section is drawn from the file when the site is
        built.
      </em>
    </p>
  );
}

function SectionMeta({section, cpus}: {section: Section; cpus: number}): React.ReactElement {
  const c = {...section.conditions, cpus: section.conditions.cpus ?? cpus};
  return (
    <p>
      Measured on {section.generatedAt.slice(0, 10)} with <code>{section.command}</code> in {Math.max(1, Math.round(section.durationS / 60))} minutes. <ConditionsText conditions={c} />
    </p>
  );
}

function cacheLabel(m: AuthCacheMode): string {
  if (!m.cache) return 'cache off';
  return m.worker ? 'cache on, verified in auth-worker' : 'cache on';
}

/** The auth cache figures the text quotes, as one list (the results decide the numbers). */
function AuthCacheFindings({results}: {results: Results}): React.ReactElement {
  const f = (name: string, digits = 2) => fmt(figure(results, name), digits);
  return (
    <ul>
      <li>
        With <code>SSHA512</code>, the cache changed the logins per second by a factor of {f('cache.ssha512.logins')}: a hit saves the two queries and PostgreSQL&apos;s work, and the
        hash itself is cheap.
      </li>
      <li>
        With <code>SHA512-CRYPT</code>, the factor is {f('cache.sha512crypt.logins')}. A hit still checks the password against the cached hash (
        <code>passdb_cache_verify_plain()</code> in <code>src/auth/passdb-cache.c</code>), so the cache saves the queries but not the 5 000 rounds of SHA-512.
      </li>
      <li>
        The auth process counted {f('cache.ssha512.hitpct', 3)} % of the lookups as cache hits with <code>SSHA512</code> and {f('cache.sha512crypt.hitpct', 3)} % with{' '}
        <code>SHA512-CRYPT</code>. PostgreSQL ran {f('cache.off.queries')} queries per login without the cache and {f('cache.on.queries')} with it.
      </li>
      <li>
        Verifying cached passwords in auth-worker (<code>auth_cache_verify_password_with_worker = yes</code>) changed the logins per second with <code>SHA512-CRYPT</code> by a factor of{' '}
        {f('cache.worker.sha512crypt.logins')} on this single core.
      </li>
      <li>
        The cache&apos;s own size report: {f('cache.sha512crypt.bytes.per.user', 3)} bytes per user with <code>SHA512-CRYPT</code> hashes and {f('cache.ssha512.bytes.per.user', 3)}{' '}
        with <code>SSHA512</code>, a passdb and a userdb entry each (compare <Link to="/auth-cache#sizing">sizing the cache</Link>).
      </li>
    </ul>
  );
}

/** Every auth cache mode: logins/s, CPU of Dovecot and of PostgreSQL, queries and cache hits. */
export function MeasuredAuthCache({results = defaultResults}: WithResults): React.ReactElement {
  const a = results.authCache;
  if (!a) return <NotYet what="the auth cache measurements" command="npm run measure -- --only authcache" />;
  return (
    <>
      <p>
        {SERVER_LABEL[a.server]} {a.version}, {a.setup}; {a.backend}; {a.users} users, each logging in again and again. The SQL file (for <code>SHA512-CRYPT</code>; the{' '}
        <code>SSHA512</code> runs read another column):
      </p>
      {/* tabIndex: a box that scrolls sideways must be reachable by keyboard */}
      <pre tabIndex={0}>
        <code>{a.sqlConfig}</code>
      </pre>
      <WideTable>
        <thead>
          <tr>
            <th>Hash</th>
            <th>Cache</th>
            <th>Logins/s (range)</th>
            <th>Dovecot CPU s per 1 000 logins</th>
            <th>PostgreSQL CPU s per 1 000 logins</th>
            <th>Queries per login</th>
            <th>Cache hits (auth process, SIGUSR2)</th>
            <th>Runs</th>
          </tr>
        </thead>
        <tbody>
          {a.modes.map((m) => {
            const s = (k: Parameters<typeof summarize>[1]) => summarize(m, k);
            const hits = m.runs.filter((r) => r.ok && r.authCache).map((r) => r.authCache!);
            const h = hits.reduce((x, c) => ({hits: x.hits + c.hits, lookups: x.lookups + c.lookups}), {hits: 0, lookups: 0});
            return (
              <tr key={m.id}>
                <td>
                  <code>{m.scheme}</code>
                </td>
                <td>{cacheLabel(m)}</td>
                <td>
                  <strong>{fmt(s('loginsPerS').median)}</strong> ({fmtRange(s('loginsPerS'))})
                </td>
                <td>{fmt(s('cpuSPer1000Logins').median)}</td>
                <td>{fmt(s('backendCpuSPer1000Logins').median)}</td>
                <td>{fmt(s('backendQueriesPerLogin').median, 2)}</td>
                <td>{m.cache ? (h.lookups > 0 ? `${formatNumber(h.hits)} of ${formatNumber(h.lookups)} lookups (${fmt((100 * h.hits) / h.lookups, 3)} %)` : '–') : '–'}</td>
                <td>
                  {m.runs.filter((r) => r.ok).length}/{m.runs.length}
                </td>
              </tr>
            );
          })}
        </tbody>
      </WideTable>
      <AuthCacheFindings results={results} />
      <SectionMeta section={a} cpus={results.machine.cpus} />
    </>
  );
}

/** Memory of one high-performance login process as it holds more logged-in TLS sessions. */
export function MeasuredTlsMemory({results = defaultResults}: WithResults): React.ReactElement {
  const t = results.tlsMemory;
  if (!t) return <NotYet what="the memory per TLS session" command="npm run measure -- --only tlsmem" />;
  return (
    <>
      <WideTable>
        <thead>
          <tr>
            <th>Server</th>
            <th>TLS sessions in the process</th>
            <th>RSS (MiB)</th>
            <th>PSS (MiB)</th>
            <th>VSZ (MiB)</th>
          </tr>
        </thead>
        <tbody>
          {t.servers.flatMap((s) =>
            s.points.map((p) => (
              <tr key={`${s.server}-${p.sessions}`}>
                <td>{SERVER_LABEL[s.server]}</td>
                <td>{p.sessions}</td>
                <td>{fmt(p.rssKiB / 1024, 3)}</td>
                <td>{fmt(p.pssKiB / 1024, 3)}</td>
                <td>{fmt(p.vszKiB / 1024, 3)}</td>
              </tr>
            )),
          )}
        </tbody>
      </WideTable>
      <ul>
        {t.servers.map((s) => (
          <li key={s.server}>
            {SERVER_LABEL[s.server]} {s.version}:{' '}
            {s.error ? (
              <>not measured ({s.error})</>
            ) : (
              <>
                each logged-in TLS session adds about <strong>{fmt(s.rssKiBPerSession, 2)} KiB</strong> of resident memory ({fmt(s.pssKiBPerSession, 2)} KiB PSS) and{' '}
                {fmt(s.vszKiBPerSession, 2)} KiB of address space (VSZ, what <code>vsz_limit</code> caps) to the login process
              </>
            )}
          </li>
        ))}
      </ul>
      <SectionMeta section={t} cpus={results.machine.cpus} />
    </>
  );
}

/** How long N clients take to log in again, all at once, after `doveadm reload`. */
export function MeasuredReload({results = defaultResults}: WithResults): React.ReactElement {
  const r = results.reload;
  if (!r) return <NotYet what="the reconnect measurements" command="npm run measure -- --only reload" />;
  return (
    <>
      <WideTable>
        <thead>
          <tr>
            <th>Login mode</th>
            <th>Closed by the reload</th>
            <th>All {r.clients} logged in again after (ms)</th>
            <th>Login latency p50 / p95 (ms)</th>
            <th>Forks per second</th>
            <th>Failed attempts</th>
            <th>Runs</th>
          </tr>
        </thead>
        <tbody>
          {r.modes.map((m) => {
            const ok = m.runs.filter((x) => x.ok);
            const med = (f: (x: (typeof ok)[number]) => number | null) => spread(ok.map(f).filter((x): x is number => x !== null));
            return (
              <tr key={m.id}>
                <td>
                  {SERVER_LABEL[m.server]}, {m.login}
                </td>
                <td>{fmt(med((x) => x.closedByReload).median, 3)}</td>
                <td>
                  <strong>{fmt(med((x) => x.allLoggedInMs).median)}</strong> ({fmtRange(med((x) => x.allLoggedInMs))})
                </td>
                <td>
                  {fmt(med((x) => x.latencyMs.p50).median)} / {fmt(med((x) => x.latencyMs.p95).median)}
                </td>
                <td>{fmt(med((x) => x.forksPerS).median)}</td>
                <td>{fmt(med((x) => x.failedAttempts).median, 3)}</td>
                <td>
                  {ok.length}/{m.runs.length}
                </td>
              </tr>
            );
          })}
        </tbody>
      </WideTable>
      <p>
        {r.clients} clients over {TLS_LABEL[r.tls]}, each logged in and idle, then <code>doveadm reload</code>. &quot;Closed by the reload&quot; counts the sessions the server ended
        within {r.waitAfterReloadS} s (with the default <code>shutdown_clients = yes</code> it ends them after six seconds). Then every client connects again at the same moment.
      </p>
      <SectionMeta section={r} cpus={results.machine.cpus} />
    </>
  );
}
