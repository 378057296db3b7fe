/**
 * The analysis of a paste, rendered from the explainer's plain data, verdict first: the version
 * the text is read as (with the other one offered), what doveconf says, the 2.4 migration, then
 * the findings in groups that fold (services, log lines, what was not evaluated or recognised, how
 * the text was read). Every piece of user text is a React text child (escaped), never HTML; links
 * go only to site paths the core produced, and to Dovecot's upgrade guide.
 */
import React from 'react';
import Link from '@docusaurus/Link';
import CodeBlock from '@theme/CodeBlock';
import {BELOW_FOLD} from '../../lib/belowFold';
import {troubleshootingLink} from '../../lib/dovecot/explain/anchors';
import type {CannotEvaluate, ExplainResult, Fix, RuleExplanation, Severity} from '../../lib/dovecot/explain/types';
import type {DovecotVersion} from '../../lib/version';
import CappedList from './CappedList';
import {groupRepeats} from './group';
import {calculatorLink, codeParts, internal} from './links';
import styles from './styles.module.css';

/** Dovecot's own 2.3 → 2.4 upgrade guide: what the migration leaves to the reader. */
export const UPGRADE_GUIDE = 'https://doc.dovecot.org/main/installation/upgrade/2.3-to-2.4.html';

const SEVERITY: Record<Severity, {icon: string; label: string}> = {
  ok: {icon: '✓', label: 'OK'},
  info: {icon: 'i', label: 'Note'},
  warning: {icon: '!', label: 'Warning'},
  error: {icon: '✕', label: 'Error'},
};

const CHECKED: Record<DovecotVersion, string> = {'2.3': '2.3.19.1', '2.4': '2.4.1'};

function Sev({severity}: {severity: Severity}): React.ReactElement {
  const s = SEVERITY[severity] ?? SEVERITY.info;
  return (
    <span className={`${styles.sev} ${styles[`sev_${severity}`] ?? ''}`}>
      <span aria-hidden="true">{s.icon}</span> {s.label}
    </span>
  );
}

function Text({text}: {text: string}): React.ReactElement {
  return (
    <>
      {codeParts(text).map((p, i) => (p.code ? <code key={i}>{p.text}</code> : <React.Fragment key={i}>{p.text}</React.Fragment>))}
    </>
  );
}

function FixView({fix}: {fix: Fix}): React.ReactElement {
  const calc = fix.calculator ? calculatorLink(fix.calculator) : null;
  return (
    <p className={styles.fix}>
      <strong>Fix:</strong> <Text text={fix.text} />
      {calc ? (
        <>
          {' '}
          <Link to={calc}>Open in the calculator</Link>
        </>
      ) : null}
    </p>
  );
}

function LineNo({line}: {line?: number}): React.ReactElement | null {
  return line !== undefined && line > 0 ? <span className={styles.lineNo}>line {line}</span> : null;
}

function More({count}: {count: number}): React.ReactElement | null {
  return count > 0 ? <span className={styles.muted}> and {count} more like it</span> : null;
}

/** Lines of the text with why they were set aside (not evaluated, not converted), repeats folded. */
function LinesList({items, noun}: {items: readonly CannotEvaluate[]; noun: string}): React.ReactElement {
  return (
    <CappedList items={groupRepeats(items, (c) => `${c.text}\n${c.why}`)} noun={noun}>
      {({item: c, more}, i) => (
        <li key={i}>
          <LineNo line={c.line} /> <code>{c.text}</code>: {c.why}
          <More count={more} />
        </li>
      )}
    </CappedList>
  );
}

function RuleItem({r}: {r: RuleExplanation}): React.ReactElement {
  return (
    <li className={styles.item}>
      <Sev severity={r.source === 'master' ? 'info' : r.severity} /> <LineNo line={r.line} />
      <pre className={styles.message}>{r.source === 'master' ? r.message : `doveconf: ${r.severity === 'error' ? 'Error' : 'Warning'}: ${r.message}`}</pre>
      {r.note ? (
        <p>
          <Text text={r.note} />
        </p>
      ) : null}
      {r.fix ? <FixView fix={r.fix} /> : null}
      {r.anchor ? (
        <p>
          <Link to={troubleshootingLink(r.anchor)}>What this message means</Link>
        </p>
      ) : null}
    </li>
  );
}

function Section({id, title, count, children}: {id: string; title: string; count?: number; children: React.ReactNode}): React.ReactElement {
  return (
    <section aria-labelledby={id} className={`${styles.section} ${BELOW_FOLD}`}>
      <h3 id={id}>
        {title}
        {count !== undefined ? <span className={styles.count}> ({count})</span> : null}
      </h3>
      {children}
    </section>
  );
}

/** A group of findings under its heading, folded when nothing in it needs attention. */
function Group({id, title, count, open, summary, children}: {id: string; title: string; count?: number; open: boolean; summary: string; children: React.ReactNode}): React.ReactElement {
  return (
    <Section id={id} title={title} count={count}>
      <details className={styles.group} open={open}>
        <summary>{summary}</summary>
        {children}
      </details>
    </Section>
  );
}

function worst(items: readonly Severity[]): Severity {
  const order: Severity[] = ['ok', 'info', 'warning', 'error'];
  return items.reduce<Severity>((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a), 'ok');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function VersionLine({r, onVersion}: {r: ExplainResult; onVersion?: (v: DovecotVersion) => void}): React.ReactElement {
  const v = r.version;
  const other: DovecotVersion = v.version === '2.3' ? '2.4' : '2.3';
  // offer the other version when the text does not decide, or when clues disagree
  const offer = onVersion && (v.detected === 'unknown' || v.conflicts.length > 0 || v.source === 'override');
  return (
    <p data-testid="version" className={styles.version}>
      <strong>Dovecot {v.version}</strong>: {v.reason}.
      {v.source !== 'override' && v.conflicts.length > 0 ? ` (Other clues point to ${v.conflicts[0].version}: ${v.conflicts[0].reason}.)` : ''}
      {offer ? (
        <>
          {' '}
          <button type="button" className="button button--sm button--outline button--primary" onClick={() => onVersion(other)}>
            Read it as Dovecot {other}
          </button>
        </>
      ) : null}
    </p>
  );
}

/** doveconf's verdict in one sentence. */
function verdictLine(r: ExplainResult): string {
  const version = CHECKED[r.version.version];
  const errors = r.rules.filter((x) => x.source === 'doveconf' && x.severity === 'error').length + r.unknownSettings.filter((u) => u.doveconf).length;
  const warnings = r.rules.filter((x) => x.source === 'doveconf' && x.severity === 'warning').length;
  if (errors > 0) return `doveconf ${version} would stop at the first of ${plural(errors, 'error')} below (exit 89)${warnings > 0 ? `, after ${plural(warnings, 'warning')}` : ''}.`;
  if (warnings > 0) return `doveconf ${version} would accept the text with ${plural(warnings, 'warning')}.`;
  return `doveconf ${version} would accept the service, login and auth-cache settings without a word${r.cannotEvaluate.length > 0 ? ' (the lines under "Not evaluated" aside)' : ''}.`;
}

export interface ReportProps {
  result: ExplainResult;
  /** Prefix for heading ids, so two reports can share a page. */
  idPrefix: string;
  /** Reads the text again as the given version (the "Read it as" button); absent: no button. */
  onVersion?: (version: DovecotVersion) => void;
  /** "5,000 connections at peak, 8 cores": the load entered, or null when none was. */
  load?: string | null;
}

export default function Report({result: r, idPrefix, onVersion, load}: ReportProps): React.ReactElement {
  const id = (s: string) => `${idPrefix}-${s}`;
  if (r.refused) {
    return (
      <p role="alert" className={styles.refused}>
        {r.refused}
      </p>
    );
  }
  const doveconf = r.rules.filter((x) => x.source === 'doveconf');
  const errors = doveconf.filter((x) => x.severity === 'error');
  const warnings = doveconf.filter((x) => x.severity === 'warning');
  const master = r.rules.filter((x) => x.source === 'master');
  const recognised = r.logs.filter((l) => l.recognised);
  const unknownLogs = r.logs.filter((l) => !l.recognised);
  const hasConfig = r.configParts.length > 0 && (r.services.length > 0 || r.findings.length > 0 || r.rules.length > 0 || r.unknownSettings.length > 0 || r.migration !== null);
  const serviceSeverity = worst(r.services.map((s) => s.severity));
  const logSeverity = worst(recognised.map((l) => l.recognised!.severity));
  return (
    <div className={styles.report}>
      <VersionLine r={r} onVersion={onVersion} />

      {hasConfig ? (
        <Section id={id('doveconf')} title="What doveconf says" count={errors.length + warnings.length + r.unknownSettings.length}>
          <p>
            <strong>{verdictLine(r)}</strong>
          </p>
          {errors.length + warnings.length > 0 ? (
            <ul className={styles.items}>
              {[...errors, ...warnings].map((x, i) => (
                <RuleItem key={i} r={x} />
              ))}
            </ul>
          ) : null}
          {r.unknownSettings.length > 0 ? (
            <>
              <h4 id={id('unknown')}>
                Not in Dovecot {r.version.version} <span className={styles.count}>({r.unknownSettings.length})</span>
              </h4>
              <CappedList items={groupRepeats(r.unknownSettings, (u) => JSON.stringify([u.key, u.value, u.context]))} noun="settings" className={styles.items}>
                {({item: u, more}, i) => (
                  <li key={i} className={styles.item}>
                    <Sev severity="error" /> <LineNo line={u.line} /> <code>{u.value !== '' ? `${u.key} = ${u.value}` : u.key}</code>
                    {u.context ? <span className={styles.muted}> in {u.context}</span> : null}
                    <More count={more} />
                    <p>
                      <Text text={u.reason} />
                    </p>
                    {u.doveconf ? <pre className={styles.message}>{`doveconf: Fatal: ${u.doveconf}`}</pre> : null}
                    {u.anchor ? <Link to={troubleshootingLink(u.anchor)}>What this message means</Link> : u.link && internal(u.link) ? <Link to={internal(u.link)!}>The setting</Link> : null}
                  </li>
                )}
              </CappedList>
            </>
          ) : null}
          {r.wholeFileNotes.length > 0 ? (
            <>
              <p>If this is the whole dovecot.conf, Dovecot 2.4 also stops with:</p>
              <ul className={styles.items}>
                {r.wholeFileNotes.map((x, i) => (
                  <RuleItem key={i} r={x} />
                ))}
              </ul>
            </>
          ) : null}
          {master.length > 0 ? (
            <details className={styles.group}>
              <summary>Checked by the master at startup, not by doveconf ({master.length})</summary>
              <ul className={styles.items}>
                {master.map((x, i) => (
                  <RuleItem key={i} r={x} />
                ))}
              </ul>
            </details>
          ) : null}
        </Section>
      ) : null}

      {r.migration ? (
        <Section id={id('migration')} title="Migration to Dovecot 2.4">
          <p className={styles.scope}>
            <strong>This converts the service, login-process and auth-cache settings</strong> (the limits this site is
            about) to Dovecot 2.4.{' '}
            {r.migration.complete
              ? 'The text holds nothing else. '
              : `The rest (${plural(r.migration.notConverted.length, 'item')}) is listed under the block, not converted. `}
            For everything else see Dovecot&apos;s <a href={UPGRADE_GUIDE}>2.3 to 2.4 upgrade guide</a>.
          </p>
          <CodeBlock language="dovecot" title="dovecot.conf (Dovecot 2.4)">
            {r.migration.text}
          </CodeBlock>
          {r.migration.notConverted.length > 0 ? (
            <>
              <h4 id={id('not-converted')}>
                Not converted <span className={styles.count}>({r.migration.notConverted.length})</span>
              </h4>
              <LinesList items={r.migration.notConverted} noun="items" />
            </>
          ) : null}
          {r.migration.changes.length > 0 ? (
            <details className={styles.group}>
              <summary>What changed ({r.migration.changes.length})</summary>
              <CappedList items={groupRepeats(r.migration.changes, (c) => `${c.text}\n${c.note ?? ''}`)} noun="changes">
                {({item: c, more}, i) => (
                  <li key={i}>
                    <LineNo line={c.line} /> <Text text={c.text} />
                    {c.note ? (
                      <>
                        : <Text text={c.note} />
                      </>
                    ) : null}
                    <More count={more} />
                  </li>
                )}
              </CappedList>
            </details>
          ) : null}
        </Section>
      ) : null}

      {r.findings.length > 0 ? (
        <Section id={id('across')} title="Across all services" count={r.findings.length}>
          <ul className={styles.findings}>
            {r.findings.map((f) => (
              <li key={f.id}>
                <Sev severity={f.severity === 'danger' ? 'error' : f.severity} /> <strong>{f.title}:</strong> {f.verdict} {f.explanation}{' '}
                {internal(f.link) ? <Link to={internal(f.link)!}>More on {f.title.toLowerCase()}</Link> : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {r.services.length > 0 ? (
        <Group
          id={id('services')}
          title="Services"
          count={r.services.length}
          open={serviceSeverity === 'error' || serviceSeverity === 'warning' || r.services.length <= 4}
          summary={`${plural(r.services.length, 'service')}: ${load ? `judged against ${load}` : 'no load given, so capacity is not judged'}`}
        >
          {r.services.map((s) => (
            <details key={s.name} className={styles.card} open={s.severity === 'error' || s.severity === 'warning' || r.services.length <= 4}>
              <summary>
                <Sev severity={s.severity} /> <strong>service {s.name}</strong> <LineNo line={s.line} />
                {s.enabled === false ? <span className={styles.muted}> — not enabled (its protocol is not in protocols)</span> : null}
              </summary>
              {s.effective ? (
                <table className={styles.limits}>
                  <caption className={styles.visuallyHidden}>Limits of service {s.name} after defaults</caption>
                  <tbody>
                    <tr><th scope="row">process_limit</th><td>{s.effective.process_limit}</td></tr>
                    <tr><th scope="row">client_limit</th><td>{s.effective.client_limit}</td></tr>
                    <tr><th scope="row">{r.version.version === '2.3' ? 'service_count' : 'restart_request_count'}</th><td>{s.effective.restart_request_count}</td></tr>
                    <tr><th scope="row">process_min_avail</th><td>{s.effective.process_min_avail}</td></tr>
                    <tr><th scope="row">vsz_limit</th><td>{s.effective.vsz_limit}</td></tr>
                    <tr><th scope="row">{r.version.version === '2.3' ? 'idle_kill' : 'idle_kill_interval'}</th><td>{s.effective.idle_kill_interval}</td></tr>
                    <tr><th scope="row">connections per process</th><td>{s.effective.clients_per_process}</td></tr>
                    <tr><th scope="row">connections at most (capacity)</th><td>{s.effective.capacity}</td></tr>
                    <tr><th scope="row">address space at most</th><td>{s.effective.address_space}</td></tr>
                  </tbody>
                </table>
              ) : null}
              {s.problems.length > 0 ? (
                <ul>
                  {s.problems.map((p, i) => (
                    <li key={i}>{p}</li>
                  ))}
                </ul>
              ) : null}
              {s.findings.length > 0 ? (
                <ul className={styles.findings}>
                  {s.findings.map((f) => (
                    <li key={f.id}>
                      <Sev severity={f.severity === 'danger' ? 'error' : f.severity} /> <strong>{f.title}:</strong> {f.verdict}{' '}
                      {f.severity === 'warning' || f.severity === 'danger' ? <>{f.explanation} </> : null}
                      {internal(f.link) ? <Link to={internal(f.link)!}>More on {f.title.toLowerCase()}</Link> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              {calculatorLink(s.calculator) ? (
                <p>
                  <Link to={calculatorLink(s.calculator)!}>Open service {s.name} in the calculator</Link>
                </p>
              ) : null}
            </details>
          ))}
        </Group>
      ) : null}

      {recognised.length > 0 ? (
        <Group
          id={id('logs')}
          title="Log lines"
          count={recognised.length}
          open
          summary={`${plural(recognised.length, 'message')} recognised${logSeverity === 'error' || logSeverity === 'warning' ? ', with the fix for each' : ''}`}
        >
          <CappedList items={recognised} noun="messages" className={styles.items}>
            {(l) => {
              const k = l.recognised!;
              return (
                <li key={l.line} className={styles.item}>
                  <Sev severity={k.severity} /> <strong>{k.title}</strong> <LineNo line={l.line} />
                  <More count={l.repeats} />
                  {l.wrappedLines?.length ? <span className={styles.muted}> (wrapped over {l.wrappedLines.length + 1} lines)</span> : null}
                  <pre className={styles.message}>{l.message}</pre>
                  <p>
                    <Text text={k.meaning} />
                  </p>
                  {k.fix ? <FixView fix={k.fix} /> : null}
                  {k.link && internal(k.link) ? (
                    <p>
                      <Link to={internal(k.link)!}>{k.anchor ? 'What this message means' : 'More on this message'}</Link>
                    </p>
                  ) : null}
                </li>
              );
            }}
          </CappedList>
        </Group>
      ) : null}

      {r.cannotEvaluate.length > 0 ? (
        <Group id={id('cannot')} title="Not evaluated" count={r.cannotEvaluate.length} open={false} summary="Includes, files, templates and variables whose value is not known here">
          <LinesList items={r.cannotEvaluate} noun="lines" />
        </Group>
      ) : null}

      {unknownLogs.length > 0 || r.unrecognised.length > 0 ? (
        <Group
          id={id('unrecognised')}
          title="Not recognised"
          count={unknownLogs.length + r.unrecognised.length + r.omitted.unrecognised}
          open={false}
          summary="Lines that are neither configuration nor a message this page knows about"
        >
          <ul className={styles.plain}>
            {[...unknownLogs.map((l) => ({line: l.line, text: l.text, repeats: l.repeats})), ...r.unrecognised.map((u) => ({...u, repeats: 0}))]
              .sort((a, b) => a.line - b.line)
              .slice(0, 300)
              .map((u) => (
                <li key={u.line}>
                  <LineNo line={u.line} /> <code>{u.text.length > 300 ? `${u.text.slice(0, 300)}…` : u.text}</code>
                  {u.repeats > 0 ? <span className={styles.muted}> (and {u.repeats} more)</span> : null}
                </li>
              ))}
          </ul>
        </Group>
      ) : null}

      {r.assumptions.length > 0 || r.parseErrors.length > 0 ? (
        <Group
          id={id('reading')}
          title="How the text was read"
          open={r.parseErrors.length > 0}
          summary={r.parseErrors.length > 0 ? `${plural(r.parseErrors.length, 'line')} could not be read as configuration` : 'What was assumed to check it as doveconf would'}
        >
          <ul>
            {r.assumptions.map((a, i) => (
              <li key={i}>{a.text}</li>
            ))}
            {r.parseErrors.slice(0, 50).map((e, i) => (
              <li key={`e${i}`}>
                <Sev severity="warning" /> <LineNo line={e.line} /> {e.message}
              </li>
            ))}
          </ul>
        </Group>
      ) : null}
    </div>
  );
}
