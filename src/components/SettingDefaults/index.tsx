/**
 * Building blocks of the /settings reference, all read from the settings catalog:
 *   <SettingInfo id="client_limit" />      names, type, 0 / unlimited, changes, sources, per-service defaults
 *   <SettingDefaults id="client_limit" />  the per-service default table alone
 * Version-specific parts are rendered for both versions inside `dv-23` / `dv-24`.
 */
import React from 'react';
import type {DovecotVersion} from '../../lib/version';
import {
  getSettingDef,
  listServices,
  serviceDefaults,
  type SettingDef,
  type SpecialValue,
  type VersionedSetting,
} from '../../lib/dovecot/catalog';
import {SETTING_PROSE} from '../../lib/dovecot/catalog/prose';
// the same table style as the per-service defaults tables
import styles from '../DefaultsTable/styles.module.css';

/** Catalog texts mark names with backticks; show those as code. Never parses HTML. */
function Prose({text}: {text: string}): React.ReactElement {
  const parts = text.split('`');
  return <>{parts.map((p, i) => (i % 2 === 1 ? <code key={i}>{p}</code> : p))}</>;
}

const VERSIONS: readonly DovecotVersion[] = ['2.3', '2.4'];
const LISTENER_SCOPES = new Set(['unix_listener', 'fifo_listener', 'inet_listener']);

function show(value: string): string {
  return value === '' ? '(empty)' : value;
}

function defOrThrow(id: string, who: string): SettingDef {
  const def = getSettingDef(id);
  if (!def || def.id !== id) throw new RangeError(`${who}: unknown setting id ${JSON.stringify(id)}`);
  return def;
}

interface Row {
  readonly where: string;
  readonly value: string;
  readonly note?: string;
}

/** One row per service (service settings) or per listener (listener settings). */
export function defaultRows(version: DovecotVersion, def: SettingDef): Row[] {
  const v = def.versions[version];
  if (!v || v.type === 'section' || v.type === 'section-name') return [];
  const rows: Row[] = [];
  for (const service of listServices(version)) {
    const r = serviceDefaults(version, service);
    if (def.scope === 'service') {
      const s = r.settings[v.name];
      if (!s) continue;
      const note = s.raw === null ? undefined : s.raw !== s.effective ? `${show(s.raw)} → ${s.from ?? 'see above'}` : undefined;
      rows.push({where: service, value: show(s.effective), ...(note ? {note} : {})});
      if (version === '2.4') {
        const old = serviceDefaults('2.4', service, {configVersion: '2.4.0'}).settings[v.name];
        if (old && old.effective !== s.effective) {
          rows[rows.length - 1] = {...rows[rows.length - 1], note: `${show(old.effective)} with dovecot_config_version = 2.4.0`};
        }
      }
    } else if (LISTENER_SCOPES.has(def.scope)) {
      for (const l of r.listeners) {
        if (l.kind !== def.scope) continue;
        const s = l.settings[v.name];
        if (!s) continue;
        rows.push({where: `${service} / ${l.name}`, value: show(s.effective)});
      }
    }
  }
  return rows;
}

function Table({version, def}: {version: DovecotVersion; def: SettingDef}): React.ReactElement | null {
  const rows = defaultRows(version, def);
  if (rows.length === 0) return null;
  return (
    <table className={styles.table}>
      <caption className={styles.caption}>
        <code>{def.versions[version]!.name}</code> per {def.scope === 'service' ? 'service' : 'listener'}, Dovecot {version}
      </caption>
      <thead>
        <tr>
          <th>{def.scope === 'service' ? 'Service' : 'Service / listener'}</th>
          <th>Default</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.where}>
            <td>{row.where}</td>
            <td>
              <code>{row.value}</code>
              {row.note ? <span className={styles.note}>{row.note}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Per-service (or per-listener) defaults of one setting, for both versions. */
export function SettingDefaults({id}: {id: string}): React.ReactElement {
  const def = defOrThrow(id, 'SettingDefaults');
  return (
    <>
      {VERSIONS.map((version) => (
        <div key={version} className={version === '2.3' ? 'dv-23' : 'dv-24'} data-version={version}>
          {def.versions[version] ? (
            <Table version={version} def={def} />
          ) : (
            <p>Dovecot {version} does not have this setting.</p>
          )}
        </div>
      ))}
    </>
  );
}

function Special({label, spec}: {label: string; spec?: SpecialValue}): React.ReactElement | null {
  if (!spec) return null;
  return (
    <li>
      <code>{label}</code>: <Prose text={spec.text} />
      {spec.message ? (
        <>
          {' '}
          doveconf: <code>{spec.message}</code>
        </>
      ) : null}
    </li>
  );
}

function VersionFacts({version, v}: {version: DovecotVersion; v: VersionedSetting}): React.ReactElement {
  return (
    <ul>
      <li>
        Dovecot {version} name: <code>{v.name}</code>
        {v.flatName ? (
          <>
            {' '}
            (flat form <code>{v.flatName}</code>)
          </>
        ) : null}
      </li>
      <li>
        Type: {v.type}
        {v.unit ? ` (${v.unit})` : ''}
      </li>
      <li>
        Default: {v.default === null ? 'none printed' : <code>{show(v.default)}</code>}
        {v.defaultNote ? ` — ${v.defaultNote}` : ''}
      </li>
      <Special label="0" spec={v.zero} />
      <Special label="unlimited" spec={v.unlimited} />
    </ul>
  );
}

/** Everything the catalog knows about one setting, for the /settings page. */
export function SettingInfo({id}: {id: string}): React.ReactElement {
  const def = defOrThrow(id, 'SettingInfo');
  const prose = SETTING_PROSE[def.id];
  if (!prose) throw new RangeError(`SettingInfo: no description for ${def.id}`);
  return (
    <>
      <p>
        <Prose text={prose.description} />
      </p>
      {VERSIONS.map((version) => {
        const v = def.versions[version];
        return (
          <div key={version} className={version === '2.3' ? 'dv-23' : 'dv-24'} data-version={version}>
            {v ? <VersionFacts version={version} v={v} /> : <p>Not available in Dovecot {version}.</p>}
          </div>
        );
      })}
      {prose.changes ? (
        <p>
          <strong>2.3 → 2.4:</strong> <Prose text={prose.changes} />
        </p>
      ) : null}
      <SettingDefaults id={id} />
      <p className={styles.note}>
        Sources:{' '}
        {def.sources.map((s, i) => (
          <React.Fragment key={s}>
            {i > 0 ? '; ' : null}
            {s.startsWith('https://') ? <a href={s}>{s}</a> : s}
          </React.Fragment>
        ))}
      </p>
    </>
  );
}

export default SettingDefaults;
