/**
 * Tables of data/loadcheck/results.json (`npm run loadcheck`) for /measured and the generator
 * page: which configs held which load in which Dovecot build, and the negative controls.
 * Rendered while the site is built; browsers keep the markup (./island).
 */
import React from 'react';
import Link from '@docusaurus/Link';
import useBrokenLinks from '@docusaurus/useBrokenLinks';
import rawResults from '@site/data/loadcheck/results.json';
import WideTable from '@site/src/components/WideTable';
import {outcomeText, runAnchor, type LoadCheckResults, type LoadRun, type RunKind} from '@site/src/lib/loadcheck/results';
import {buildName, firstReason, KIND_NAMES, kindLink, num, presetEvidence, sessionsText, sourceLink, summaryRows} from '@site/src/lib/loadcheck/view';

export const defaultResults = rawResults as unknown as LoadCheckResults;

type WithResults = {results?: LoadCheckResults};

/** A table row that other pages link to: its id is registered with the build's anchor check. */
function AnchoredRow({id, children}: {id: string; children: React.ReactNode}): React.ReactElement {
  const anchor = runAnchor(id);
  useBrokenLinks().collectAnchor(anchor);
  return <tr id={anchor}>{children}</tr>;
}

function ms(x: number | null): string {
  return x === null ? '–' : `${num(x)} ms`;
}

function ConfigCell({run}: {run: LoadRun}): React.ReactElement {
  const href = sourceLink(run);
  return (
    <>
      {href ? <Link to={href}>{run.title}</Link> : run.title}
      {run.source.change && (
        <>
          {' '}
          (<code>{run.source.change}</code>)
        </>
      )}
      <details className="load-check-config">
        <summary>config</summary>
        <pre>
          <code>{run.config}</code>
        </pre>
        {run.replaced.length > 0 && <p>Replaced by the harness: {run.replaced.join('; ')}.</p>}
      </details>
    </>
  );
}

function SessionsCell({run}: {run: LoadRun}): React.ReactElement {
  return (
    <>
      {sessionsText(run.ran)}, {num(run.ran.loginsPerS)} logins/s
      {run.scaled && (
        <>
          <br />
          <small>
            {run.ran.sessions < run.claim.sessions ? `written for ${num(run.claim.sessions)}: ` : ''}
            {run.scaled.why}
          </small>
        </>
      )}
    </>
  );
}

function VerdictCell({run}: {run: LoadRun}): React.ReactElement {
  const text = outcomeText(run);
  return (
    <>
      <strong>{run.asExpected ? text : `${text} ✗`}</strong>
      {run.reasons.length > 0 && (
        <ul>
          {run.reasons.map((r, i) => (
            <li key={i}>
              {r.message}
              {r.lines?.[0] && (
                <>
                  : <code>{r.lines[0]}</code>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** One row per run: config, Dovecot build, load that ran, processes, p99 login, verdict. */
export function LoadCheckTable({results = defaultResults, kinds}: WithResults & {kinds: RunKind[]}): React.ReactElement {
  const runs = results.runs.filter((r) => kinds.includes(r.kind));
  if (runs.length === 0) return <p>No runs of this kind in the results yet.</p>;
  return (
    <WideTable>
      <thead>
        <tr>
          <th>Config</th>
          <th>Dovecot</th>
          <th>Load that ran</th>
          <th>Processes at peak</th>
          <th>Login p99</th>
          <th>Verdict</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <AnchoredRow key={run.id} id={run.id}>
            <td>
              <ConfigCell run={run} />
            </td>
            <td>{buildName(run.build)}</td>
            <td>
              <SessionsCell run={run} />
            </td>
            <td>
              {num(run.figures.peakProcesses)}
              {run.figures.peakByService.imap !== undefined && (
                <>
                  <br />
                  <small>
                    imap {num(run.figures.peakByService.imap)}, imap-login {num(run.figures.peakByService['imap-login'] ?? 0)}
                  </small>
                </>
              )}
            </td>
            <td>{ms(run.figures.latencyMs.p99)}</td>
            <td>
              <VerdictCell run={run} />
            </td>
          </AnchoredRow>
        ))}
      </tbody>
    </WideTable>
  );
}

/** The negative controls: what each changes, the line it must fail with, the line it failed with. */
export function LoadCheckControls({results = defaultResults}: WithResults): React.ReactElement {
  const runs = results.runs.filter((r) => r.kind === 'control');
  return (
    <WideTable>
      <thead>
        <tr>
          <th>Control</th>
          <th>Dovecot</th>
          <th>Must fail with</th>
          <th>Failed with</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <AnchoredRow key={run.id} id={run.id}>
            <td>
              {run.title} ({sessionsText(run.ran)})
            </td>
            <td>{buildName(run.build)}</td>
            <td>{run.expect.pass ? 'nothing' : <code>{run.expect.line.replace(/\\/g, '')}</code>}</td>
            <td>
              <strong>{outcomeText(run)}</strong>
              {run.reasons.length > 0 && (
                <>
                  : <code>{firstReason(run)}</code>
                </>
              )}
            </td>
          </AnchoredRow>
        ))}
      </tbody>
    </WideTable>
  );
}

/** Which generator presets held which load in which Dovecot builds (for the generator page). */
export function LoadCheckPresets({results = defaultResults}: WithResults): React.ReactElement {
  const rows = presetEvidence(results);
  if (rows.length === 0) return <p>The presets have not been load-checked yet.</p>;
  return (
    <WideTable>
      <thead>
        <tr>
          <th>Preset</th>
          <th>Dovecot {buildName(results.builds['2.3'] ?? '2.3')}</th>
          <th>Dovecot {buildName(results.builds['2.4'] ?? '2.4')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.preset}>
            <td>{row.title}</td>
            {(['2.3', '2.4'] as const).map((v) => {
              const cell = row.cells[v];
              return <td key={v}>{cell ? <Link to={cell.link}>{cell.text}</Link> : 'not run'}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </WideTable>
  );
}

/** When, where and under which rules the runs were made. */
export function LoadCheckSetup({results = defaultResults}: WithResults): React.ReactElement {
  const {machine, rules} = results;
  const days = results.runs.map((r) => r.ranAt.slice(0, 10)).sort();
  const span = days.length === 0 ? results.generatedAt.slice(0, 10) : days[0] === days[days.length - 1] ? days[0] : `${days[0]} to ${days[days.length - 1]}`;
  return (
    <ul>
      <li>
        Runs made on {span}, with <code>npm run loadcheck</code> (the last one: <code>{results.command}</code>).
      </li>
      <li>
        Machine: {machine.cpus} CPUs ({machine.cpuModel}), {machine.ramGiB} GiB RAM, Linux {machine.kernel}, {machine.os}, Node {machine.node}. Dovecot {results.builds['2.3'] ?? '2.3: not run'} and{' '}
        {results.builds['2.4'] ?? '2.4: not run'}.
      </li>
      <li>
        Each run holds every session open for {rules.holdS} s once all are logged in; a session that is not in IDLE {rules.openTimeoutMs / 1000} s after it connected has failed. The master
        gets the config&apos;s LimitNOFILE as <code>ulimit -n</code> (Debian&apos;s {num(rules.defaultNofile)} when the config comes without one).
      </li>
      {rules.hostRaised.length > 0 && <li>Raised on the host for the runs: {rules.hostRaised.join('; ')}.</li>}
      <li>
        A config holds its load when:
        <ul>
          {rules.limits.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </li>
    </ul>
  );
}

/** One row per kind of run and version: how many ran, how many came out as they must, how many ran scaled down. */
export function LoadCheckSummary({results = defaultResults}: WithResults): React.ReactElement {
  const rows = summaryRows(results);
  if (rows.length === 0) return <p>Nothing has been load-checked yet.</p>;
  return (
    <WideTable>
      <thead>
        <tr>
          <th>Runs</th>
          <th>Dovecot</th>
          <th>Configs</th>
          <th>As they must (held, or failed with their line)</th>
          <th>Run at a part of their load</th>
          <th>Most processes at peak</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.kind}-${row.version}`}>
            <td>
              <Link to={kindLink(row.kind)}>{KIND_NAMES[row.kind]}</Link>
            </td>
            <td>{buildName(results.builds[row.version] ?? row.version)}</td>
            <td>{num(row.runs)}</td>
            <td>{num(row.asExpected)}</td>
            <td>{num(row.scaled)}</td>
            <td>{num(row.mostProcesses)}</td>
          </tr>
        ))}
      </tbody>
    </WideTable>
  );
}
