/**
 * The analysis of a paste, rendered from the explainer's plain data. Every piece of user text is
 * a React text child (escaped), never HTML; links go only to site paths the core produced.
 */
import React from 'react';
import Link from '@docusaurus/Link';
import CodeBlock from '@theme/CodeBlock';
import {troubleshootingLink} from '../../lib/dovecot/explain/anchors';
import type {ExplainResult, Fix, RuleExplanation, Severity} from '../../lib/dovecot/explain/types';
import CappedList from './CappedList';
import {groupRepeats} from './group';
import {calculatorLink, codeParts, internal} from './links';
import styles from './styles.module.css';

const SEVERITY: Record<Severity, {icon: string; label: string}> = {
  ok: {icon: '✓', label: 'OK'},
  info: {icon: 'i', label: 'Note'},
  warning: {icon: '!', label: 'Warning'},
  error: {icon: '✕', label: 'Error'},
};

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

function RuleItem({r}: {r: RuleExplanation}): React.ReactElement {
  return (
    <li className={styles.item}>
      <Sev severity={r.source === 'master' ? 'info' : r.severity} /> <LineNo line={r.line} />
      <pre className={styles.message}>{r.source === 'master' ? r.message : `doveconf: ${r.severity === 'error' ? 'Error' : 'Warning'}: ${r.message}`}</pre>
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
    <section aria-labelledby={id} className={styles.section}>
      <h3 id={id}>
        {title}
        {count !== undefined ? <span className={styles.count}> ({count})</span> : null}
      </h3>
      {children}
    </section>
  );
}

export interface ReportProps {
  result: ExplainResult;
  /** Prefix for heading ids, so two reports can share a page. */
  idPrefix: string;
}

export default function Report({result: r, idPrefix}: ReportProps): React.ReactElement {
  const id = (s: string) => `${idPrefix}-${s}`;
  if (r.refused) {
    return (
      <p role="alert" className={styles.refused}>
        {r.refused}
      </p>
    );
  }
  const errors = r.rules.filter((x) => x.source === 'doveconf');
  const master = r.rules.filter((x) => x.source === 'master');
  const recognised = r.logs.filter((l) => l.recognised);
  const unknownLogs = r.logs.filter((l) => !l.recognised);
  return (
    <div className={styles.report}>
      {r.assumptions.length > 0 || r.parseErrors.length > 0 ? (
        <Section id={id('reading')} title="How the text was read">
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
        </Section>
      ) : null}

      {r.services.length > 0 ? (
        <Section id={id('services')} title="Services" count={r.services.length}>
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
        </Section>
      ) : null}

      {errors.length > 0 || r.wholeFileNotes.length > 0 ? (
        <Section id={id('doveconf')} title="What doveconf says" count={errors.length}>
          {errors.length === 0 ? <p>doveconf accepts the service and auth-cache settings.</p> : null}
          <ul className={styles.items}>
            {errors.map((x, i) => (
              <RuleItem key={i} r={x} />
            ))}
          </ul>
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
        </Section>
      ) : null}

      {master.length > 0 ? (
        <Section id={id('master')} title="Checked by the master at startup">
          <ul className={styles.items}>
            {master.map((x, i) => (
              <RuleItem key={i} r={x} />
            ))}
          </ul>
        </Section>
      ) : null}

      {r.unknownSettings.length > 0 ? (
        <Section id={id('unknown')} title={`Not in Dovecot ${r.version.version}`} count={r.unknownSettings.length}>
          <CappedList items={groupRepeats(r.unknownSettings, (u) => JSON.stringify([u.key, u.value, u.context]))} noun="settings" className={styles.items}>
            {({item: u, more}, i) => (
              <li key={i} className={styles.item}>
                <Sev severity="error" /> <LineNo line={u.line} /> <code>{u.value !== '' ? `${u.key} = ${u.value}` : u.key}</code>
                {u.context ? <span className={styles.muted}> in {u.context}</span> : null}
                <More count={more} />
                <p><Text text={u.reason} /></p>
                {u.doveconf ? <pre className={styles.message}>{`doveconf: Fatal: ${u.doveconf}`}</pre> : null}
                {u.anchor ? <Link to={troubleshootingLink(u.anchor)}>What this message means</Link> : u.link && internal(u.link) ? <Link to={internal(u.link)!}>The setting</Link> : null}
              </li>
            )}
          </CappedList>
        </Section>
      ) : null}

      {r.cannotEvaluate.length > 0 ? (
        <Section id={id('cannot')} title="Not evaluated" count={r.cannotEvaluate.length}>
          <CappedList items={groupRepeats(r.cannotEvaluate, (c) => `${c.text}\n${c.why}`)} noun="lines">
            {({item: c, more}, i) => (
              <li key={i}>
                <LineNo line={c.line} /> <code>{c.text}</code>: {c.why}
                <More count={more} />
              </li>
            )}
          </CappedList>
        </Section>
      ) : null}

      {r.migration ? (
        <Section id={id('migration')} title="Migration to Dovecot 2.4">
          <p>
            The service, login-process and auth-cache settings in Dovecot 2.4 syntax
            {r.migration.complete ? ', complete.' : '. Some things could not be converted: see the list below the block.'}
          </p>
          <CodeBlock language="dovecot" title="dovecot.conf (Dovecot 2.4)">
            {r.migration.text}
          </CodeBlock>
          {r.migration.changes.length > 0 ? (
            <CappedList items={groupRepeats(r.migration.changes, (c) => `${c.text}\n${c.note ?? ''}`)} noun="changes">
              {({item: c, more}, i) => (
                <li key={i}>
                  <LineNo line={c.line} /> <Text text={c.text} />
                  {c.note ? <>: <Text text={c.note} /></> : null}
                  <More count={more} />
                </li>
              )}
            </CappedList>
          ) : null}
          {r.migration.notConverted.length > 0 ? (
            <>
              <h4 id={id('not-converted')}>Not converted</h4>
              <CappedList items={groupRepeats(r.migration.notConverted, (c) => `${c.text}\n${c.why}`)} noun="items">
                {({item: c, more}, i) => (
                  <li key={i}>
                    <LineNo line={c.line} /> <code>{c.text}</code>: {c.why}
                    <More count={more} />
                  </li>
                )}
              </CappedList>
            </>
          ) : null}
        </Section>
      ) : null}

      {recognised.length > 0 ? (
        <Section id={id('logs')} title="Log lines" count={recognised.length}>
          <CappedList items={recognised} noun="messages" className={styles.items}>
            {(l) => {
              const k = l.recognised!;
              return (
                <li key={l.line} className={styles.item}>
                  <Sev severity={k.severity} /> <strong>{k.title}</strong> <LineNo line={l.line} />
                  <More count={l.repeats} />
                  <pre className={styles.message}>{l.message}</pre>
                  <p><Text text={k.meaning} /></p>
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
        </Section>
      ) : null}

      {unknownLogs.length > 0 || r.unrecognised.length > 0 ? (
        <Section id={id('unrecognised')} title="Not recognised" count={unknownLogs.length + r.unrecognised.length + r.omitted.unrecognised}>
          <p>These lines are neither configuration nor a message this page knows about:</p>
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
        </Section>
      ) : null}
    </div>
  );
}
