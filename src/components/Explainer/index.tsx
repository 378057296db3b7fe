/**
 * The explainer widget (/explain): one text area for a config, log lines or both; the analysis
 * below it (./Report), computed in the browser by src/lib/dovecot/explain. Nothing is sent
 * anywhere. A share link carries the (optionally redacted) text compressed in the URL #fragment.
 * Server render shows the analysis of the built-in example, so the page says what it does
 * without JavaScript.
 */
import React, {useCallback, useDeferredValue, useEffect, useId, useMemo, useState} from 'react';
import type {ExplainOptions} from '../../lib/dovecot/explain/types';
import {findSecrets, redact, type SecretSpan} from '../../lib/dovecot/explain/redact';
import {decodeShare, encodeShare} from '../../lib/dovecot/explain/share';
import {SAMPLE_TEXT} from '../../lib/dovecot/explain/sample';
import {EXAMPLE} from './example.generated';
import {useExplain} from './useExplain';
import type {DovecotVersion} from '../../lib/version';
import {useDovecotVersion} from '../DovecotVersion/store';
import useQueryState from '../WidgetForm/useQueryState';
import {decodeLoadQuery, emptyLoadForm, loadFormFromState, loadQueryFor, loadSummary, readLoad, type LoadForm} from './load';
import LoadFields from './LoadFields';
import {LinkLoading, linkStateShown, useMarkSharedLink} from '../WidgetForm/linkState';
import Report from './Report';
import styles from './styles.module.css';

type Override = 'auto' | DovecotVersion;

function ShareDialog({text, override, onClose}: {text: string; override: Override; onClose: () => void}): React.ReactElement {
  const spans = useMemo(() => findSecrets(text), [text]);
  const [chosen, setChosen] = useState<boolean[]>(() => spans.map(() => true));
  const [status, setStatus] = useState<{url?: string; message?: string; copied?: boolean}>({});
  const headingId = useId();
  const make = useCallback(async () => {
    const keep: SecretSpan[] = spans.filter((_, i) => chosen[i]);
    const r = await encodeShare(redact(text, keep), override === 'auto' ? undefined : override);
    if (!r.ok) {
      setStatus({message: r.message});
      return;
    }
    const {origin, pathname, search} = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}#${r.fragment}`);
    setStatus({url: `${origin}${pathname}${search}#${r.fragment}`});
  }, [spans, chosen, text, override]);
  const copy = useCallback(async () => {
    if (!status.url) return;
    try {
      await navigator.clipboard.writeText(status.url);
      setStatus((s) => ({...s, copied: true}));
    } catch {
      setStatus((s) => ({...s, copied: false}));
    }
  }, [status.url]);
  return (
    <section className={styles.share} aria-labelledby={headingId}>
      <h3 id={headingId}>Share link</h3>
      <p>
        The text goes into the part of the link after <code>#</code>, which browsers never send to a server. Anyone
        with the link can read it, so remove what should stay private:
      </p>
      {spans.length === 0 ? (
        <p>Nothing that looks like a password, key, user name or address was found.</p>
      ) : (
        <fieldset className={styles.redactions}>
          <legend>Replace before sharing</legend>
          {spans.slice(0, 200).map((s, i) => (
            <label key={`${s.start}-${s.end}`} className={styles.redaction}>
              <input
                type="checkbox"
                checked={chosen[i] ?? false}
                onChange={(e) => setChosen((c) => c.map((v, j) => (j === i ? e.target.checked : v)))}
              />{' '}
              {s.kind === 'secret' ? 'Secret' : s.kind === 'user' ? 'User' : 'Address'}: {s.label.length > 120 ? `${s.label.slice(0, 120)}…` : s.label}
            </label>
          ))}
        </fieldset>
      )}
      <div className={styles.buttons}>
        <button type="button" className="button button--primary" onClick={() => void make()}>
          Create link
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          Close
        </button>
      </div>
      {status.message ? <p role="alert">{status.message}</p> : null}
      {status.url ? (
        <div className={styles.linkRow}>
          <label>
            Link{' '}
            <input className={styles.linkInput} readOnly value={status.url} onFocus={(e) => e.target.select()} data-testid="share-url" />
          </label>
          <button type="button" className="button button--sm button--outline button--primary" onClick={() => void copy()}>
            Copy
          </button>
          <span role="status">{status.copied === true ? 'Copied.' : status.copied === false ? 'Copy failed: select the link and copy it.' : ''}</span>
        </div>
      ) : null}
    </section>
  );
}

export default function Explainer(): React.ReactElement {
  const [text, setText] = useState('');
  const [override, setOverride] = useState<Override>('auto');
  const [sharing, setSharing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  /** The text a share link carried, once read (null: no link, or not read yet). */
  const [linkText, setLinkText] = useState<string | null>(null);
  const inputId = useId();
  const versionId = useId();
  const helpId = useId();
  const deferred = useDeferredValue(text);
  // the reader's load, in the query (the text is in the #fragment); the site's version rides along
  const siteVersion = useDovecotVersion();
  const [loadForm, setLoadForm] = useState<LoadForm>(() => emptyLoadForm());
  const [, setLoadNotices] = useState<string[]>([]);
  const shownLoad = useMemo(() => ({...loadForm, version: siteVersion}), [loadForm, siteVersion]);
  useQueryState({enabled: true, shown: shownLoad, decodeQuery: decodeLoadQuery, formFromState: loadFormFromState, queryFor: loadQueryFor, setForm: setLoadForm, setNotices: setLoadNotices, marksLink: false});
  const read = useMemo(() => readLoad(loadForm), [loadForm]);
  const options = useMemo<ExplainOptions>(
    () => ({load: read.load, siteVersion, ...(override === 'auto' ? {} : {version: override})}),
    [read, siteVersion, override],
  );
  useMarkSharedLink();

  // a share link restores its text, also when another one is opened in the same tab
  useEffect(() => {
    let latest = 0;
    const open = () => {
      const hash = window.location.hash;
      if (!hash.includes('z=')) return;
      const mine = ++latest;
      void decodeShare(hash).then((r) => {
        if (mine !== latest) return;
        if (r.ok) {
          setText(r.text);
          setLinkText(r.text);
          setNotice(null);
          if (r.version) setOverride(r.version);
        } else {
          setNotice(r.message);
          linkStateShown();
        }
      });
    };
    open();
    window.addEventListener('hashchange', open);
    return () => {
      latest = -1;
      window.removeEventListener('hashchange', open);
    };
  }, []);

  const example = EXAMPLE;
  const result = useExplain(deferred, options);

  // the page's "loading the link" mark goes once the shared text's analysis is drawn (the engine
  // loads on demand, so not before its result is there)
  useEffect(() => {
    if (linkText !== null && deferred === linkText && (result !== null || linkText.trim() === '')) linkStateShown();
  }, [deferred, linkText, result]);

  return (
    <div className={styles.explainer}>
      <label htmlFor={inputId} className={styles.label}>
        Configuration or log lines
      </label>
      <p id={helpId} className={styles.help}>
        Paste <code>doveconf -n</code> output (2.3 or 2.4), a conf.d file, a whole dovecot.conf, log lines, or all of
        them. Everything stays in this browser.
      </p>
      <textarea
        id={inputId}
        aria-describedby={helpId}
        className={styles.input}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={14}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        placeholder={'service imap-login {\n  service_count = 0\n}\n\nNov 30 09:15:47 mail dovecot: master: Warning: service(imap-login): process_limit (100) reached, …'}
      />
      <div className={styles.toolbar}>
        <label htmlFor={versionId}>Dovecot version</label>{' '}
        <select id={versionId} value={override} onChange={(e) => setOverride(e.target.value as Override)}>
          <option value="auto">{result ? (result.version.detected === 'unknown' ? `Detect (no clue: ${siteVersion})` : `Detected: ${result.version.detected}`) : 'Detect from the text'}</option>
          <option value="2.3">2.3</option>
          <option value="2.4">2.4</option>
        </select>{' '}
        <button type="button" className="button button--sm button--secondary" onClick={() => setText(SAMPLE_TEXT)}>
          Try the example
        </button>{' '}
        <button type="button" className="button button--sm button--primary" disabled={text.trim() === ''} onClick={() => setSharing(true)}>
          Share link…
        </button>{' '}
        {text !== '' ? (
          <button type="button" className="button button--sm button--outline button--secondary" onClick={() => setText('')}>
            Clear
          </button>
        ) : null}
      </div>
      <LoadFields form={loadForm} problems={read.problems} onChange={(k, v) => setLoadForm((f) => ({...f, [k]: v}))} />
      {notice ? <p role="alert">{notice}</p> : null}
      {sharing ? <ShareDialog text={text} override={override} onClose={() => setSharing(false)} /> : null}

      <LinkLoading>Opening the text from the link… Its analysis appears here once it is read.</LinkLoading>
      <div aria-live="polite" className={styles.result} data-link-hide="">
        {result ? (
          <>
            <h2 id="analysis">Analysis</h2>
            <Report result={result} idPrefix="analysis" onVersion={setOverride} load={loadSummary(read.load)} />
          </>
        ) : (
          <>
            <h2 id="example">Example</h2>
            <p>
              What the explainer shows for this paste, a Dovecot 2.3 <code>doveconf -n</code> excerpt and four log
              lines:
            </p>
            <pre className={styles.sample} tabIndex={0} role="region" aria-label="The example paste">
              {SAMPLE_TEXT}
            </pre>
            <Report result={example} idPrefix="example" />
          </>
        )}
      </div>
    </div>
  );
}
