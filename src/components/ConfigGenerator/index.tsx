/**
 * `<ConfigGenerator />` on /generator: an admin's answers about a server in, ready-to-paste
 * `service { }` blocks out (src/lib/dovecot/generator does all the work), with copy, download,
 * permalink and "copy as answer", the systemd drop-in, warnings and one explanation per value.
 * A thin view: the inputs are declared once in ./state.ts (which also drives validation and the
 * URL). Only /generator imports it, so no other page loads any of it.
 *
 * Server render and hydration show the default output for both Dovecot versions, each in its
 * version class (CSS shows the chosen one, as everywhere on the site); after hydration only the
 * chosen version is rendered, so nothing moves. The state lives in the query string: read on
 * load, written with history.replaceState (debounced) on change.
 */
import React, {useCallback, useId, useMemo, useRef, useState} from 'react';
import clsx from 'clsx';
import Link from '@docusaurus/Link';
import useIsBrowser from '@docusaurus/useIsBrowser';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import CodeBlock from '@theme/CodeBlock';
import {SUPPORTED_CONFIG_VERSIONS_24} from '@site/src/lib/dovecot/catalog';
import {
  GENERATOR_PROTOCOLS,
  PRESETS,
  SYSTEMD_DROP_IN_PATH,
  copyAsAnswer,
  generate,
  planFor,
  textWithPermalink,
  type GeneratorOutput,
  type GeneratorWarning,
  type LoginMode,
  type MailReuse,
  type MinAvailMode,
  type PresetId,
} from '@site/src/lib/dovecot/generator';
import {currentVersion, useDovecotVersion} from '@site/src/components/DovecotVersion/store';
import {DOVECOT_VERSIONS, type DovecotVersion} from '@site/src/lib/version';
import {
  FIELD_META,
  decodeQuery,
  defaultForm,
  formFromState,
  inputFor,
  notInLink,
  presetForm,
  queryFor,
  type FormState,
  type NumberKey,
} from './state';
import {
  SEVERITY,
  calculatorLink,
  configTitle,
  downloadName,
  explanationGroups,
  generatorUrl,
  safeLink,
  severityOf,
  splitWarnings,
} from './view';
import LinkNotices from '@site/src/components/LinkNotices';
import {BELOW_FOLD} from '@site/src/lib/belowFold';
import {Check, FieldError, LinkLoading, PerVersion, PermalinkInput, SeverityBadge, TextField, VersionButtons, formStyles, linkStateLoading, severityStyles, useQueryState, useStatus, type VersionBodyProps} from '@site/src/components/WidgetForm';
import {beforeHydration} from '@site/src/client/beforeHydration';
import {warmServiceLimits} from '@site/src/components/WidgetForm/warmUp';
import styles from './styles.module.css';

// The first render's generate(), run cold, was one long task inside hydration: the catalog's
// service defaults, the plan, then the whole output, each in a task of its own before hydration
// (see beforeHydration).
const firstInput = () => inputFor(defaultForm(currentVersion())).input;
beforeHydration(
  () => {
    const {version, configVersion} = firstInput();
    warmServiceLimits(version, configVersion);
  },
  () => planFor(firstInput()),
  () => generate(firstInput()),
);

function safeGenerate(input: unknown): {out: GeneratorOutput | null; error: string | null} {
  try {
    return {out: generate(input), error: null};
  } catch (e) {
    return {out: null, error: e instanceof Error ? e.message : String(e)};
  }
}

type NumberProps = {
  id: string;
  k: NumberKey;
  form: FormState;
  error?: string;
  hint?: React.ReactNode;
  disabled?: boolean;
  label?: React.ReactNode;
  onChange: (k: NumberKey, value: string) => void;
};

function NumberInput({id, k, form, error, hint, disabled, label, onChange}: NumberProps): React.ReactElement {
  const meta = FIELD_META[k];
  return (
    <TextField
      id={`${id}-${k.replace('.', '-')}`}
      label={meta.label}
      shownLabel={label}
      value={form.text[k]}
      unit={meta.unit}
      hint={hint}
      error={error}
      inputMode="decimal"
      maxLength={24}
      disabled={disabled}
      onChange={(value) => onChange(k, value)}
    />
  );
}

type Choice<T extends string> = {value: T; label: React.ReactNode; note?: React.ReactNode};

function Radios<T extends string>({
  id,
  legend,
  value,
  choices,
  onChange,
  children,
}: {
  id: string;
  legend: React.ReactNode;
  value: T;
  choices: readonly Choice<T>[];
  onChange: (v: T) => void;
  children?: React.ReactNode;
}): React.ReactElement {
  return (
    <fieldset className={styles.radios}>
      <legend className={formStyles.label}>{legend}</legend>
      {choices.map((c) => (
        <div key={c.value} className={styles.radio}>
          <input
            type="radio"
            id={`${id}-${c.value}`}
            name={id}
            value={c.value}
            checked={value === c.value}
            aria-describedby={c.note ? `${id}-${c.value}-note` : undefined}
            onChange={() => onChange(c.value)}
          />
          <label htmlFor={`${id}-${c.value}`}>
            {c.label}
            {c.note ? (
              <span id={`${id}-${c.value}-note`} className={styles.note}>
                {c.note}
              </span>
            ) : null}
          </label>
        </div>
      ))}
      {children}
    </fieldset>
  );
}

function WarningItem({w}: {w: GeneratorWarning}): React.ReactElement {
  const severity = severityOf(w.severity);
  const sev = SEVERITY[severity];
  return (
    <li className={clsx(styles.warning, severityStyles[severity])} data-warning={String(w.id)} data-severity={severity}>
      <SeverityBadge icon={sev.icon} label={sev.label} className={styles.badge} />{' '}
      {String(w.message)}{' '}
      <Link to={safeLink(w.link)}>
        Read more<span className={formStyles.srOnly}> ({sev.label.toLowerCase()}: {String(w.id)})</span>
      </Link>
    </li>
  );
}

function GeneratorBody({uid, version, form, setForm, reset, origin}: VersionBodyProps<FormState>): React.ReactElement {
  const id = (name: string) => `${uid}-${version.replace('.', '')}-${name}`;
  const {input, problems} = useMemo(() => inputFor(form), [form]);
  const {out, error} = useMemo(() => safeGenerate(input), [input]);
  const query = queryFor(form);
  const url = generatorUrl(origin, query);
  const omitted = notInLink(form);
  const text = out ? textWithPermalink(out, url) : '';

  const [status, setStatus] = useStatus(5000);
  const linkInput = useRef<HTMLInputElement>(null);

  const copyText = useCallback(async (what: string, done: string, onFail?: () => void) => {
    if (linkStateLoading()) return;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(what);
      setStatus(done);
    } catch {
      onFail?.();
      setStatus('Your browser did not allow copying: select the text and press Ctrl+C (⌘C on a Mac).');
    }
  }, [setStatus]);
  const selectLink = useCallback(() => {
    linkInput.current?.focus();
    linkInput.current?.select();
  }, []);
  const download = useCallback(() => {
    if (!out || linkStateLoading()) return;
    const name = downloadName(out.input);
    const href = URL.createObjectURL(new Blob([text], {type: 'text/plain;charset=utf-8'}));
    const a = document.createElement('a');
    a.href = href;
    a.download = name;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
    setStatus(`Downloaded ${name}.`);
  }, [out, text, setStatus]);

  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setForm({...form, [k]: v});
  const setText = (k: NumberKey, v: string) => setForm({...form, text: {...form.text, [k]: v}});
  const toggleProtocol = (p: (typeof GENERATOR_PROTOCOLS)[number], on: boolean) =>
    set('protocols', on ? [...form.protocols.filter((x) => x !== p), p] : form.protocols.filter((x) => x !== p));
  const err = problems.byField;
  const restartName = version === '2.3' ? 'service_count' : 'restart_request_count';
  const cacheSize = out?.explanations.find((e) => e.setting === 'auth_cache_size')?.value;
  const {shown: warnings, addressSpace} = out ? splitWarnings(out.warnings) : {shown: [], addressSpace: null};
  const groups = out ? explanationGroups(out.explanations) : [];

  const loginChoices: Choice<LoginMode>[] = [
    {value: 'high-security', label: 'High-security', note: 'A fresh login process per connection: no two users ever share one, at the cost of a fork per login.'},
    {value: 'high-performance', label: 'High-performance', note: 'Long-running login processes with many connections each: no fork per login, but one compromised process could see other users’ logins.'},
  ];
  const reuseChoices: Choice<MailReuse>[] = [
    {value: 'one', label: 'One process per connection', note: `The default (${restartName} = 1): nothing of one session stays in memory for the next.`},
    {value: 'bounded', label: 'Restart every N connections', note: 'Saves forks; users follow one another in a process, which then starts afresh.'},
    {value: 'unlimited', label: 'Unlimited reuse', note: 'Saves the most forks; a process lives on with whatever earlier sessions left in memory.'},
  ];
  const minAvailChoices: Choice<MinAvailMode>[] = [
    {value: 'cores', label: `The number of CPU cores (${input.cores})`, note: 'Written as a number: right for this machine.'},
    ...(version === '2.4'
      ? [
          {
            value: 'cpu_count' as const,
            label: (
              <>
                <code>%{'{'}system:cpu_count{'}'}</code> (2.4)
              </>
            ),
            note: 'Expanded by doveconf on the machine that reads the file: if that machine has more CPUs than the smallest login process_limit, doveconf refuses the file.',
          },
        ]
      : []),
    {value: 'off', label: 'Off (the default 0)', note: 'No spare is kept: a login waits for a fork when no login process has a free connection slot.'},
  ];

  return (
    <div className={styles.body}>
      <form className={formStyles.form} onSubmit={(e) => e.preventDefault()} aria-label="Generator inputs" data-link-dim="">
        <fieldset className={styles.fieldset}>
          <legend className={formStyles.legend}>Start from</legend>
          <div className={styles.presets}>
            {PRESETS.map((p) => (
              <div key={p.id} className={styles.preset}>
                <button
                  type="button"
                  className="button button--secondary button--sm"
                  aria-describedby={id(`preset-${p.id}`)}
                  onClick={() => setForm(presetForm(p.id as PresetId, form))}
                >
                  {p.title}
                </button>
                <p id={id(`preset-${p.id}`)} className={formStyles.hint}>
                  {p.description}
                </p>
              </div>
            ))}
            <div className={styles.preset}>
              <button type="button" className="button button--outline button--secondary button--sm" onClick={reset}>
                Reset
              </button>
              <p className={formStyles.hint}>Back to the defaults: a small server, 2 cores, 4 GiB.</p>
            </div>
          </div>
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend className={formStyles.legend}>Dovecot and output</legend>
          <div className={formStyles.grid}>
            <VersionButtons version={version} id={id('version')} />
            {version === '2.4' ? (
              <div className={formStyles.field}>
                <label htmlFor={id('cv')} className={formStyles.label}>
                  <code>dovecot_config_version</code>
                </label>
                <select id={id('cv')} className={clsx(formStyles.select, styles.select)} value={form.configVersion} aria-describedby={id('cv-hint')} onChange={(e) => set('configVersion', e.target.value)}>
                  {SUPPORTED_CONFIG_VERSIONS_24.map((cv) => (
                    <option key={cv} value={cv}>
                      {cv}
                    </option>
                  ))}
                </select>
                <p id={id('cv-hint')} className={formStyles.hint}>
                  The defaults the values are computed against (lmtp reuse changed in 2.4.1).
                </p>
              </div>
            ) : null}
            <Radios
              id={id('out')}
              legend="Output"
              value={form.output}
              onChange={(v) => set('output', v)}
              choices={[
                {value: 'blocks', label: 'Just the blocks', note: 'to paste into conf.d/10-master.conf'},
                {value: 'file', label: 'A whole minimal file', note: version === '2.4' ? 'with dovecot_config_version and protocols' : 'with protocols'},
              ]}
            />
            <div className={formStyles.field}>
              <span className={formStyles.label}>Comments</span>
              <Check id={id('comments')} checked={form.comments} onChange={(v) => set('comments', v)}>
                Explain each value in a comment
              </Check>
            </div>
          </div>
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend className={formStyles.legend}>Server</legend>
          <div className={formStyles.grid}>
            <NumberInput id={id('f')} k="cores" form={form} error={err.cores} onChange={setText} />
            <NumberInput id={id('f')} k="ramGiB" form={form} error={err.ramGiB} onChange={setText} />
          </div>
        </fieldset>

        <fieldset className={styles.fieldset} aria-describedby={err.protocols ? id('protocols-error') : undefined}>
          <legend className={formStyles.legend}>Protocols and load</legend>
          <div className={styles.protocols}>
            {GENERATOR_PROTOCOLS.map((p) => {
              const on = form.protocols.includes(p);
              return (
                <div key={p} className={styles.protocol}>
                  <Check
                    id={id(`proto-${p}`)}
                    checked={on}
                    invalid={Boolean(err.protocols)}
                    describedBy={err.protocols ? id('protocols-error') : undefined}
                    onChange={(v) => toggleProtocol(p, v)}
                  >
                    <code>{p}</code>
                  </Check>
                  <NumberInput
                    id={id('f')}
                    k={`peak.${p}`}
                    form={form}
                    label="peak concurrent"
                    disabled={!on}
                    error={on ? err[`peak.${p}`] : undefined}
                    onChange={setText}
                  />
                </div>
              );
            })}
          </div>
          {err.protocols ? (
            <FieldError id={id('protocols-error')}>{err.protocols}</FieldError>
          ) : null}
          <div className={formStyles.grid}>
            <NumberInput id={id('f')} k="newPerSecond" form={form} error={err.newPerSecond} onChange={setText} />
            <NumberInput
              id={id('f')}
              k="tlsPercent"
              form={form}
              error={err.tlsPercent}
              hint="Implicit TLS or STARTTLS: a TLS session keeps its login process for the whole connection."
              onChange={setText}
            />
          </div>
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend className={formStyles.legend}>Login processes</legend>
          <div className={styles.grid2}>
            <Radios id={id('login')} legend={<Link to="/login-processes">Login mode</Link>} value={form.loginMode} onChange={(v) => set('loginMode', v)} choices={loginChoices} />
            <Radios id={id('minavail')} legend={<><code>process_min_avail</code> of login services</>} value={version === '2.3' && form.minAvail === 'cpu_count' ? 'cores' : form.minAvail} onChange={(v) => set('minAvail', v)} choices={minAvailChoices}>
              {problems.notes.map((n) => (
                <p key={n} className={formStyles.hint}>
                  {n}
                </p>
              ))}
            </Radios>
          </div>
          <Check id={id('proxy')} checked={form.proxy} describedBy={id('proxy-hint')} onChange={(v) => set('proxy', v)}>
            This server proxies (its passdb returns <code>proxy=y</code>)
          </Check>
          <p id={id('proxy-hint')} className={formStyles.hint}>
            A proxied session, plaintext or TLS, stays in its login process for its whole life, and the mail processes run on
            the backends (<Link to="/login-processes#tls-proxying">why sessions stay</Link>).
          </p>
        </fieldset>

        <fieldset className={clsx(styles.fieldset, BELOW_FOLD)}>
          <legend className={formStyles.legend}>Mail processes</legend>
          <Radios id={id('reuse')} legend={<>Reuse (<code>{restartName}</code> of imap, pop3, submission, managesieve)</>} value={form.mailReuse} onChange={(v) => set('mailReuse', v)} choices={reuseChoices}>
            <NumberInput id={id('f')} k="reuseCount" form={form} disabled={form.mailReuse !== 'bounded'} error={form.mailReuse === 'bounded' ? err.reuseCount : undefined} onChange={setText} />
          </Radios>
          <p className={clsx(styles.advice, severityStyles.warning)}>
            <SeverityBadge icon="!" label="Mind" className={styles.badge} />{' '}
            Reused processes serve users one after another: “if there are any bugs in Dovecot, they might accidentally expose
            another user’s email data to the wrong user” (Timo Sirainen, 2012; <Link to="/services/service-count#security">the security argument</Link>).
            If you reuse, Dovecot’s advice is a bounded N — “restart process every N connections, just in case it leaks some memory”
            (<Link to="/services/service-count#bounded">prefer a bounded value</Link>).
          </p>
        </fieldset>

        <fieldset className={clsx(styles.fieldset, BELOW_FOLD)}>
          <legend className={formStyles.legend}>
            <Link to="/auth-cache">Authentication cache</Link>
          </legend>
          <Check id={id('cache')} checked={form.authCache} onChange={(v) => set('authCache', v)}>
            Cache passdb and userdb lookups
          </Check>
          <div className={formStyles.grid}>
            <NumberInput
              id={id('f')}
              k="cacheUsers"
              form={form}
              disabled={!form.authCache}
              error={form.authCache ? err.cacheUsers : undefined}
              hint={
                form.authCache && cacheSize ? (
                  <>
                    Suggested <code>auth_cache_size = {cacheSize}</code> (<Link to="/auth-cache#sizing">sizing</Link>).
                  </>
                ) : (
                  <>
                    <Link to="/auth-cache#sizing">How the size is worked out</Link>.
                  </>
                )
              }
              onChange={setText}
            />
            <NumberInput id={id('f')} k="cacheTtlMinutes" form={form} disabled={!form.authCache} error={form.authCache ? err.cacheTtlMinutes : undefined} onChange={setText} />
            <NumberInput
              id={id('f')}
              k="cacheNegativeTtlMinutes"
              form={form}
              disabled={!form.authCache}
              error={form.authCache ? err.cacheNegativeTtlMinutes : undefined}
              onChange={setText}
            />
          </div>
        </fieldset>
      </form>

      <section className={styles.results} aria-labelledby={id('config')}>
        <h2 id={id('config')} className={styles.sectionTitle}>
          Configuration for Dovecot {version}
          <noscript> (default answers)</noscript>
        </h2>
        <LinkLoading>Loading the answers from the link… The output appears here once they are read.</LinkLoading>
        {error || !out ? (
          <p className={formStyles.error} role="alert">
            The generator could not produce output for these answers ({error}). Please report the link below.
          </p>
        ) : (
          <>
            <div className={styles.actions} data-link-dim="">
              <button type="button" className="button button--primary button--sm" onClick={() => copyText(text, 'Copied the configuration.')}>
                Copy
              </button>
              <button type="button" className="button button--secondary button--sm" onClick={download}>
                Download {downloadName(out.input)}
              </button>
              <button type="button" className="button button--secondary button--sm" onClick={() => copyText(url, 'Copied the link.', selectLink)}>
                Copy link
              </button>
              <button
                type="button"
                className="button button--secondary button--sm"
                onClick={() => copyText(copyAsAnswer(out, url), 'Copied as an answer: plain text in lines of at most 72 characters, the link whole on a line of its own.')}
              >
                Copy as answer
              </button>
            </div>
            <p role="status" aria-live="polite" className={clsx(formStyles.status, styles.status)}>
              {status}
            </p>
            <div data-link-hide="">
              <div className={clsx(styles.code, BELOW_FOLD)} data-output="config">
                <CodeBlock language="dovecot" title={configTitle(out.input)}>
                  {text}
                </CodeBlock>
              </div>
              {out.input.output === 'blocks' ? (
                <p className={formStyles.hint}>
                  Paste the blocks into <code>conf.d/10-master.conf</code>, or keep them in a file of their own (the download,{' '}
                  <code>conf.d/90-services.conf</code>): a later <code>service</code> block adds to the earlier one. Then run{' '}
                  <code>doveconf -n</code> to check.
                </p>
              ) : null}

              <h3 className={styles.subTitle}>Warnings</h3>
              {warnings.length > 0 ? (
                <ul className={styles.warnings}>
                  {warnings.map((w) => (
                    <WarningItem key={w.id} w={w} />
                  ))}
                </ul>
              ) : (
                <p className={formStyles.hint}>None: these answers do not conflict.</p>
              )}
              {addressSpace ? (
                <details className={styles.details}>
                  <summary>Address space at the limits (information)</summary>
                  <ul className={styles.warnings}>
                    <WarningItem w={addressSpace} />
                  </ul>
                </details>
              ) : null}

              <h3 className={styles.subTitle}>systemd drop-in</h3>
              <p className={styles.prose}>
                Not doveconf settings: systemd limits for the <code>dovecot</code> service, written only where they must go above
                what it already allows: <code>LimitNOFILE=65535</code> from <code>dovecot.service</code> (every process may open
                that many files; the master checks it against the largest <code>client_limit</code> at start) and
                systemd&apos;s <code>DefaultTasksMax</code>, 15% of the RAM divided by 128 KiB (see{' '}
                <Link to="/services/process-limit#systemd-limits">systemd limits</Link>).
              </p>
              {out.systemd !== '' ? (
                <div className={clsx(styles.code, BELOW_FOLD)} data-output="systemd">
                  <CodeBlock language={out.systemd.includes('[Service]') ? 'ini' : 'text'} title={out.systemd.includes('[Service]') ? SYSTEMD_DROP_IN_PATH : 'Nothing to add'}>
                    {out.systemd}
                  </CodeBlock>
                </div>
              ) : (
                <p className={formStyles.hint} data-output="systemd">
                  Nothing to add: the unit file&apos;s <code>LimitNOFILE</code> and systemd&apos;s <code>DefaultTasksMax</code> cover
                  these answers.
                </p>
              )}

              <h3 className={styles.subTitle}>Why each value</h3>
              {groups.length > 0 ? (
                <div className={clsx(styles.tableWrap, BELOW_FOLD)}>
                  <table className={styles.table}>
                    <thead>
                      <tr>
                        <th scope="col">Setting</th>
                        <th scope="col">Value</th>
                        <th scope="col">Why</th>
                      </tr>
                    </thead>
                    {groups.map((g) => (
                      <tbody key={g.service ?? '(global)'} data-service={g.service ?? ''}>
                        <tr>
                          <th scope="colgroup" colSpan={3} className={styles.groupHead}>
                            {g.service === null ? (
                              'Global settings'
                            ) : (
                              <>
                                <code>service {g.service}</code>{' '}
                                <Link to={calculatorLink(out, g.service)} className={styles.calcLink}>
                                  Check in the calculator<span className={formStyles.srOnly}> (service {g.service})</span>
                                </Link>
                              </>
                            )}
                          </th>
                        </tr>
                        {g.rows.map((e) => (
                          <tr key={e.path}>
                            <th scope="row">
                              <Link to={safeLink(e.anchor)}>
                                <code>{e.setting}</code>
                              </Link>
                            </th>
                            <td>
                              <code>{e.value}</code>
                            </td>
                            <td>
                              {e.why}
                              {e.guide ? (
                                <>
                                  {' '}
                                  <Link to={safeLink(e.guide)}>More on this</Link>
                                </>
                              ) : null}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    ))}
                  </table>
                </div>
              ) : (
                <p className={formStyles.hint}>Nothing to change: the built-in defaults already fit these answers.</p>
              )}
            </div>
          </>
        )}
      </section>

      <section className={formStyles.linkBox} aria-labelledby={id('link-title')} data-link-hide="">
        <h2 id={id('link-title')} className={styles.sectionTitle}>
          Link to these answers
        </h2>
        <div className={styles.linkRow}>
          <PermalinkInput id={id('link')} label="Link to these answers" url={url} ref={linkInput} />
        </div>
        {omitted.length > 0 ? <p className={formStyles.hint}>Not in the link (invalid values): {omitted.join(', ')}.</p> : null}
      </section>
    </div>
  );
}

export default function ConfigGenerator(): React.ReactElement {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const hydrated = useIsBrowser();
  const version = useDovecotVersion();
  const {siteConfig} = useDocusaurusContext();
  const [form, setFormState] = useState<FormState>(() => defaultForm());
  const [notices, setNotices] = useState<string[]>([]);

  // one object per version for as long as the form stays, so each body's results are worked out once
  const forms = useMemo(() => {
    const of = (v: DovecotVersion): FormState => (form.version === v ? form : {...form, version: v});
    return Object.fromEntries(DOVECOT_VERSIONS.map((v) => [v, of(v)])) as Record<DovecotVersion, FormState>;
  }, [form]);
  const shown: FormState = forms[version];
  // the query string is the state
  useQueryState({enabled: true, shown, decodeQuery, formFromState, queryFor, setForm: setFormState, setNotices});

  const setForm = useCallback((f: FormState) => setFormState(f), []);
  const reset = useCallback(() => {
    setFormState(defaultForm(currentVersion()));
    setNotices([]);
  }, []);

  const origin = hydrated ? window.location.origin : siteConfig.url;

  return (
    <section className={styles.generator} aria-label="Config generator">
      <LinkNotices notices={notices} onDismiss={() => setNotices([])} />
      <noscript>
        <p className={formStyles.hint}>
          Without JavaScript the generator cannot read the answers a link carries: the output below is for the default
          answers. Turn JavaScript on to see a shared link&apos;s answers and to change them.
        </p>
      </noscript>
      <PerVersion version={version}>
        {(v) => <GeneratorBody uid={uid} version={v} form={forms[v]} setForm={setForm} reset={reset} origin={origin} />}
      </PerVersion>
    </section>
  );
}
