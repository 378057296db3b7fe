/**
 * `<ServiceCalculator service="imap" />`: a service's settings and an expected load in, the
 * engine's findings (src/lib/dovecot/calculator) out, with the implied config and a permalink.
 * A thin view: the inputs are declared once in ./state.ts (which also drives validation and the
 * URL), the engine does the judging. Import it where it is used (MDX:
 * `import ServiceCalculator from '@site/src/components/ServiceCalculator';`), so pages without a
 * calculator load none of it.
 *
 * Server render and hydration show the findings for both Dovecot versions, each in its version
 * class (CSS shows the chosen one, as everywhere on the site); after hydration only the chosen
 * version is rendered, so nothing moves. On /calculator (`syncUrl`) the state lives in the query
 * string: read on load, written with history.replaceState (debounced) on change.
 */
import React, {useCallback, useId, useMemo, useRef, useState} from 'react';
import clsx from 'clsx';
import Link from '@docusaurus/Link';
import useIsBrowser from '@docusaurus/useIsBrowser';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import CodeBlock from '@theme/CodeBlock';
import type {CalculatorLoad, CalculatorSettings, Finding} from '@site/src/lib/dovecot/calculator/types';
import {DOVECOT_VERSIONS, type DovecotVersion} from '@site/src/lib/version';
import {
  CALCULATOR_PATH,
  LOAD_FIELDS,
  LOAD_META,
  SETTING_FIELDS,
  decodeQuery,
  engineInput,
  formFromState,
  formIn,
  hasService,
  notInLink,
  placeholderFor,
  presetForm,
  problemsByField,
  queryFor,
  serviceGroups,
  settingHint,
  settingLabel,
  settingUnit,
  type FormState,
  type LoadField,
  type SettingField,
} from './state';
import {SEVERITY, calculatorUrl, codeParts, formatNumber, numberLabel, safeEvaluate, safeLink, severityOf, visibleNumbers} from './view';
import Formula from './Formula';
import LinkNotices from '@site/src/components/LinkNotices';
import {FULL_PROTOCOLS, protocolWord} from '@site/src/lib/dovecot/runtime/facts';
import {protocolOfService} from '@site/src/lib/dovecot/calculator/input';
import {Check, FieldError, LinkLoading, PerVersion, PermalinkInput, SeverityBadge, TextField, VersionButtons, formStyles, linkStateLoading, severityStyles, useQueryState, useStatus, type VersionBodyProps} from '@site/src/components/WidgetForm';
import {beforeHydration} from '@site/src/client/beforeHydration';
import {warmServiceLimits} from '@site/src/components/WidgetForm/warmUp';
import {currentVersion, useDovecotVersion} from '@site/src/components/DovecotVersion/store';
import {BELOW_FOLD} from '@site/src/lib/belowFold';
import {declaredMinHeight} from '@site/src/lib/farBlocks';
import styles from './styles.module.css';

// The first render's evaluate(), run cold, was one long task inside hydration: the catalog's service
// limits, then an evaluation of the default form, each in a task of its own before hydration (see
// beforeHydration; a page's own presets use the same code, so it is warm for them too).
beforeHydration(
  () => warmServiceLimits(currentVersion()),
  () => safeEvaluate(engineInput(formIn(presetForm(undefined, undefined, undefined), currentVersion())).input),
);

export interface ServiceCalculatorProps {
  /** The service to start with (default imap). */
  service?: string;
  /** Preset settings, written as Dovecot 2.4 writes them (`unlimited`); shown in 2.3 syntax there. */
  settings?: CalculatorSettings;
  /** Preset load (defaults: 1000 connections, 10 per second, 4 cores, 8 GiB). */
  load?: Partial<CalculatorLoad>;
  /** The heading above the calculator; `null` for none (the /calculator page has its own h1). */
  title?: string | null;
  /** Level of the title heading (section headings are one deeper). Default 3. */
  headingLevel?: 2 | 3 | 4;
  /** The /calculator page: state read from and written to the query string. */
  syncUrl?: boolean;
}

type HeadingTag = 'h2' | 'h3' | 'h4' | 'h5';
const tag = (level: number): HeadingTag => `h${Math.min(Math.max(level, 2), 5)}` as HeadingTag;

function Code({text}: {text: string}): React.ReactElement {
  return (
    <>
      {codeParts(text).map((p, i) => (p.code ? <code key={i}>{p.text}</code> : <React.Fragment key={i}>{p.text}</React.Fragment>))}
    </>
  );
}

/** `below`: on a phone the card starts well below the first screens (the third and later ones; src/lib/belowFold.ts). */
function FindingCard({finding, headingTag, below}: {finding: Finding; headingTag: HeadingTag; below: boolean}): React.ReactElement {
  const severity = severityOf(finding.severity);
  const sev = SEVERITY[severity];
  const H = headingTag;
  const numbers = visibleNumbers(finding);
  return (
    <li className={clsx(styles.finding, severityStyles[severity], below && BELOW_FOLD)} data-finding={String(finding.id)} data-severity={severity}>
      <div className={styles.findingHead}>
        <SeverityBadge icon={sev.icon} label={sev.label} className={styles.badge} />
        <H className={styles.findingTitle}>{String(finding.title)}</H>
      </div>
      <p className={styles.verdict}>{String(finding.verdict)}</p>
      {finding.explanation ? <p className={styles.explanation}>{String(finding.explanation)}</p> : null}
      {numbers.length > 0 ? (
        <dl className={styles.numbers}>
          {numbers.map(([k, v]) => (
            <div key={k} className={styles.number}>
              <dt>{numberLabel(k)}</dt>
              <dd>{formatNumber(typeof v === 'number' ? v : String(v))}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {typeof finding.formula === 'string' && finding.formula !== '' ? (
        <Formula tex={finding.formula} className={styles.formula} fallbackClassName={styles.formulaFallback} />
      ) : null}
      <Link to={safeLink(finding.link)} className={styles.readMore}>
        Read more<span className={formStyles.srOnly}> about {String(finding.title).toLowerCase()}</span>
      </Link>
    </li>
  );
}

type BodyProps = VersionBodyProps<FormState> & {syncUrl: boolean; sectionTag: HeadingTag};

function CalculatorBody({uid, version, form, setForm, reset, origin, syncUrl, sectionTag}: BodyProps): React.ReactElement {
  const id = (name: string) => `${uid}-${version.replace('.', '')}-${name}`;
  const S = sectionTag;
  const sub = tag(Number(sectionTag.slice(1)) + 1);
  const {input, problems: loadProblems} = useMemo(() => engineInput(form), [form]);
  const {result, error} = useMemo(() => safeEvaluate(input), [input]);
  const problems = problemsByField(version, form, result.problems, loadProblems);
  const query = queryFor(form);
  const url = calculatorUrl(origin, query);
  const omitted = notInLink(form);

  const [status, setStatus] = useStatus(4000);
  const linkInput = useRef<HTMLInputElement>(null);
  const copy = useCallback(async () => {
    if (linkStateLoading()) return;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setStatus('Copied');
    } catch {
      linkInput.current?.focus();
      linkInput.current?.select();
      setStatus('Selected: press Ctrl+C (⌘C on a Mac) to copy');
    }
  }, [url, setStatus]);

  const update = (k: SettingField | LoadField, value: string) => setForm({...form, [k]: value});
  const groups = serviceGroups(version);
  const knownService = hasService(version, form.service);

  return (
    <div className={styles.body}>
      <form className={formStyles.form} onSubmit={(e) => e.preventDefault()} aria-label="Calculator inputs" data-link-dim="">
        <fieldset className={styles.fieldset}>
          <legend className={formStyles.legend}>Service</legend>
          <div className={formStyles.grid}>
            <VersionButtons version={version} id={id('version')} />
            <div className={formStyles.field}>
              <label htmlFor={id('service')} className={formStyles.label}>
                Service
              </label>
              <select
                id={id('service')}
                className={clsx(formStyles.select, styles.select)}
                value={form.service}
                aria-invalid={problems.service ? true : undefined}
                aria-describedby={problems.service ? id('service-error') : undefined}
                onChange={(e) => setForm({...form, service: e.target.value})}
              >
                {groups.map((g) => (
                  <optgroup key={g.label} label={g.label}>
                    {g.services.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </optgroup>
                ))}
                {knownService ? null : (
                  <optgroup label={`Not in Dovecot ${version}`}>
                    <option value={form.service}>{form.service}</option>
                  </optgroup>
                )}
              </select>
              {problems.service || !knownService ? (
                <FieldError id={id('service-error')}>{problems.service ?? `Service: Dovecot ${version} has no service ${form.service}`}</FieldError>
              ) : null}
            </div>
          </div>
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend className={formStyles.legend}>
            Settings of <code>service {form.service}</code>{' '}
            <span className={styles.legendNote}>(empty = the built-in default)</span>
          </legend>
          <div className={formStyles.grid}>
            {SETTING_FIELDS.map((k) => {
              const name = settingLabel(version, k);
              const def = placeholderFor(version, form.service, k);
              const hint = settingHint(version, k);
              return (
                <TextField
                  key={k}
                  id={id(k)}
                  label={<code>{name}</code>}
                  value={form[k]}
                  placeholder={def}
                  unit={settingUnit(k)}
                  unitNoWrap
                  inputMode="text"
                  maxLength={64}
                  hint={
                    <>
                      {def ? (
                        <>
                          Built-in: <code>{def}</code>.{' '}
                        </>
                      ) : null}
                      <Code text={hint} />
                    </>
                  }
                  error={problems[k]}
                  onChange={(v) => update(k, v)}
                />
              );
            })}
          </div>
        </fieldset>

        <fieldset className={styles.fieldset} aria-describedby={id('protocols-hint')}>
          <legend className={formStyles.legend}>Server</legend>
          <div className={styles.checks} role="group" aria-label="Enabled protocols">
            {FULL_PROTOCOLS.map((p) => {
              const own = knownService && protocolOfService(version, form.service) === p;
              return (
                <Check
                  key={p}
                  id={id(`proto-${p}`)}
                  checked={own || form.protocols.includes(p)}
                  disabled={own}
                  onChange={(on) => setForm({...form, protocols: on ? [...form.protocols.filter((x) => x !== p), p] : form.protocols.filter((x) => x !== p)})}
                >
                  <code>{protocolWord(p)}</code>
                </Check>
              );
            })}
          </div>
          <p id={id('protocols-hint')} className={formStyles.hint}>
            The protocols in <code>protocols =</code>: doveconf&apos;s auth and anvil sums count the login services of each. Debian
            enables all five when every protocol package is installed; the service&apos;s own protocol always runs.
          </p>
          <div className={styles.checks}>
            <Check id={id('proxy')} checked={form.proxy} onChange={(v) => setForm({...form, proxy: v})}>
              This server proxies (<code>proxy=y</code>): sessions stay in their login process
            </Check>
            <Check id={id('cache')} checked={form.authCache} onChange={(v) => setForm({...form, authCache: v})}>
              The authentication cache is on
            </Check>
          </div>
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend className={formStyles.legend}>Load</legend>
          <div className={formStyles.grid}>
            {LOAD_FIELDS.map((k) => (
              <TextField
                key={k}
                id={id(k)}
                label={LOAD_META[k].label}
                value={form[k]}
                unit={LOAD_META[k].unit}
                unitNoWrap
                inputMode={LOAD_META[k].step === '1' ? 'numeric' : 'decimal'}
                maxLength={64}
                error={problems[k]}
                onChange={(v) => update(k, v)}
              />
            ))}
          </div>
        </fieldset>
        <div className={styles.actions}>
          <button type="button" className="button button--secondary button--sm" onClick={reset}>
            Reset
          </button>
        </div>
      </form>

      <section className={styles.results} aria-labelledby={id('findings')}>
        <S id={id('findings')} className={styles.sectionTitle}>
          Findings for <code>service {form.service}</code> in Dovecot {version}
          {syncUrl ? <noscript> (default values)</noscript> : null}
        </S>
        {syncUrl ? <LinkLoading>Loading the values from the link… The findings appear here once they are read.</LinkLoading> : null}
        <div data-link-hide="">
          {error ? (
            <p className={formStyles.error} role="alert">
              The calculator could not evaluate this input ({error}). Please report the link below.
            </p>
          ) : null}
          {result.findings.length > 0 ? (
            <ul className={styles.findings}>
              {result.findings.map((f, i) => (
                <FindingCard key={`${String(f.id)}-${i}`} finding={f} headingTag={sub} below={i >= 2} />
              ))}
            </ul>
          ) : (
            <p className={styles.empty}>No findings for this input.</p>
          )}
          {result.config ? (
            <div className={clsx(styles.config, BELOW_FOLD)}>
              <S className={styles.sectionTitle} id={id('config')}>
                Implied configuration
              </S>
              <CodeBlock language="dovecot" title={`conf.d/10-master.conf (Dovecot ${version})`}>
                {result.config}
              </CodeBlock>
            </div>
          ) : null}
        </div>
      </section>

      <section className={formStyles.linkBox} aria-labelledby={id('link-title')} data-link-hide="">
        <S id={id('link-title')} className={styles.sectionTitle}>
          Link to this state
        </S>
        <div className={styles.linkRow}>
          <PermalinkInput id={id('link')} label="Link to this state" url={url} ref={linkInput} />
          <button type="button" className="button button--primary button--sm" onClick={copy}>
            Copy link
          </button>
          {syncUrl ? null : (
            <Link to={`${CALCULATOR_PATH}?${query}`} className={styles.openLink}>
              Open in the calculator
            </Link>
          )}
        </div>
        <p role="status" aria-live="polite" className={clsx(formStyles.status, styles.status)}>
          {status}
        </p>
        {omitted.length > 0 ? (
          <p className={formStyles.hint}>
            Not in the link (invalid values):{' '}
            {omitted.map((k, i) => (
              <React.Fragment key={k}>
                {i > 0 ? ', ' : ''}
                {k === 'service' || k === 'version' ? k : (SETTING_FIELDS as readonly string[]).includes(k) ? settingLabel(version, k as SettingField) : LOAD_META[k as LoadField].label}
              </React.Fragment>
            ))}
            .
          </p>
        ) : null}
      </section>
    </div>
  );
}

export default function ServiceCalculator({
  service,
  settings,
  load,
  title = 'Calculator',
  headingLevel = 3,
  syncUrl = false,
}: ServiceCalculatorProps): React.ReactElement {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const hydrated = useIsBrowser();
  const version = useDovecotVersion();
  const {siteConfig} = useDocusaurusContext();
  // props are presets: read once
  const [initial] = useState(() => presetForm(service, settings, load));
  const [form, setFormState] = useState<FormState>(initial);
  const [notices, setNotices] = useState<string[]>([]);

  // one object per version for as long as the form stays, so each body's results are worked out once
  const forms = useMemo(() => Object.fromEntries(DOVECOT_VERSIONS.map((v) => [v, formIn(form, v)])) as Record<DovecotVersion, FormState>, [form]);
  const shown = forms[version];
  // /calculator: the query string is the state
  useQueryState({enabled: syncUrl, shown, decodeQuery, formFromState, queryFor, setForm: setFormState, setNotices});

  const setForm = useCallback((f: FormState) => setFormState(f), []);
  const reset = useCallback(() => {
    setFormState(initial);
    setNotices([]);
  }, [initial]);

  const origin = hydrated ? window.location.origin : siteConfig.url;
  const H = tag(headingLevel);
  const sectionTag = tag(title === null ? headingLevel : headingLevel + 1);

  return (
    // at least 4 000 px tall at every width (its form and results); see declaredMinHeight
    <section {...declaredMinHeight(2000)} className={styles.calculator} aria-labelledby={title === null ? undefined : `${uid}-title`} aria-label={title === null ? 'Calculator' : undefined}>
      {title === null ? null : (
        <H id={`${uid}-title`} className={styles.title}>
          {title}
        </H>
      )}
      <LinkNotices notices={notices} onDismiss={() => setNotices([])} />
      <noscript>
        <p className={formStyles.hint}>
          {syncUrl
            ? 'Without JavaScript the calculator cannot read the values a link carries: the findings below are for the default values. Turn JavaScript on to see a shared link\u2019s values and to change them.'
            : 'Without JavaScript the calculator shows the results for the values below; turn it on to change them.'}
        </p>
      </noscript>
      <PerVersion version={version}>
        {(v) => (
          <CalculatorBody
            uid={uid}
            version={v}
            form={forms[v]}
            setForm={setForm}
            reset={reset}
            origin={origin}
            syncUrl={syncUrl}
            sectionTag={sectionTag}
          />
        )}
      </PerVersion>
    </section>
  );
}
