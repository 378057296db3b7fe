/**
 * `<DefaultsTable service="imap-login" />`: one service's built-in defaults from the settings
 * catalog, rendered for both Dovecot versions (`dv-23` / `dv-24`; the version switch shows one),
 * each with the version's own setting names linked to /settings#id.
 */
import React from 'react';
import Link from '@docusaurus/Link';
import type {DovecotVersion} from '../../lib/version';
import {getService, serviceDefaults, type ResolvedService, type ResolvedSetting} from '../../lib/dovecot/catalog';
import styles from './styles.module.css';

/** Rows in reading order: the limits first, then who and what runs. */
export const ROW_ORDER: readonly string[] = [
  'process_limit',
  'client_limit',
  'restart_request_count',
  'process_min_avail',
  'vsz_limit',
  'idle_kill_interval',
  'type',
  'protocol',
  'user',
  'group',
  'extra_groups',
  'privileged_group',
  'chroot',
  'drop_priv_before_exec',
  'executable',
];

const VERSIONS: readonly DovecotVersion[] = ['2.3', '2.4'];

function show(value: string): string {
  return value === '' ? '(empty)' : value;
}

/** Where a value comes from, in a few words, or nothing when the service states it itself. */
export function origin(s: ResolvedSetting): string | undefined {
  if (s.raw === null) return `inherited from ${s.from ?? 'the global default'}`;
  if (s.from && s.raw !== s.effective) return `${show(s.raw)} in the service → ${s.from}`;
  if (s.raw !== s.effective) return `${show(s.raw)} in the service`;
  return undefined;
}

function SettingLink({s}: {s: ResolvedSetting}): React.ReactElement {
  return (
    <Link to={`/settings#${s.id}`}>
      <code>{s.name}</code>
    </Link>
  );
}

/** A 2.4 note for values that differ with dovecot_config_version 2.4.0. */
function configVersionNote(service: string, id: string): string | undefined {
  if (!getService('2.4', service)) return undefined;
  const old = Object.values(serviceDefaults('2.4', service, {configVersion: '2.4.0'}).settings).find((s) => s.id === id);
  const cur = Object.values(serviceDefaults('2.4', service).settings).find((s) => s.id === id);
  if (!old || !cur || old.effective === cur.effective) return undefined;
  return `${show(old.effective)} with dovecot_config_version = 2.4.0`;
}

function VersionTable({r}: {r: ResolvedService}): React.ReactElement {
  const byId = new Map(Object.values(r.settings).map((s) => [s.id, s]));
  return (
    <table className={styles.table}>
      <caption className={styles.caption}>
        service {r.name} — Dovecot {r.version}
      </caption>
      <thead>
        <tr>
          <th>Setting</th>
          <th>Default</th>
        </tr>
      </thead>
      <tbody>
        {ROW_ORDER.filter((id) => byId.has(id)).map((id) => {
          const s = byId.get(id)!;
          const note = origin(s);
          const cv = r.version === '2.4' ? configVersionNote(r.name, id) : undefined;
          return (
            <tr key={id}>
              <td>
                <SettingLink s={s} />
              </td>
              <td>
                <code>{show(s.effective)}</code>
                {note ? <span className={styles.note}>{note}</span> : null}
                {cv ? <span className={styles.note}>{cv}</span> : null}
              </td>
            </tr>
          );
        })}
        {r.listeners.map((l) => (
          <tr key={`${l.kind} ${l.name}`}>
            <td>
              <Link to={`/settings#${l.kind}`}>
                <code>{l.kind}</code>
              </Link>{' '}
              <code>{l.name}</code>
            </td>
            <td>
              {Object.values(l.settings)
                .filter((s) => s.raw !== null || r.version === '2.3')
                .map((s, i) => (
                  <React.Fragment key={s.name}>
                    {i > 0 ? ', ' : null}
                    <Link to={`/settings#${s.id}`}>{s.name}</Link> <code>{show(s.effective)}</code>
                  </React.Fragment>
                ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function DefaultsTable({service}: {service: string}): React.ReactElement {
  if (!getService('2.3', service) && !getService('2.4', service)) {
    throw new RangeError(`DefaultsTable: no service ${JSON.stringify(service)} in either version`);
  }
  return (
    <>
      {VERSIONS.map((v) => (
        <div key={v} className={v === '2.3' ? 'dv-23' : 'dv-24'} data-version={v}>
          {getService(v, service) ? (
            <VersionTable r={serviceDefaults(v, service)} />
          ) : (
            <p>
              Dovecot {v} has no <code>{service}</code> service.
            </p>
          )}
        </div>
      ))}
    </>
  );
}
