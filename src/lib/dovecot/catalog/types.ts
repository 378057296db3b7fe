/**
 * Types of the settings catalog: one record per setting with what each Dovecot version calls it,
 * its type and default, and what the special values 0 and `unlimited` do there; one record per
 * service with its built-in defaults as the version's own doveconf prints them.
 */
import type {DovecotVersion} from '../../version';

export type {DovecotVersion};

/** Where a setting is written. */
export type SettingScope =
  | 'service' // inside `service NAME { }` (2.4 also: flat `service_NAME` globally)
  | 'unix_listener'
  | 'fifo_listener'
  | 'inet_listener'
  | 'global'
  | 'passdb'
  | 'userdb';

/** Dovecot's setting types, as far as the catalog needs them. */
export type SettingType =
  | 'uint' // a count; 2.4 also accepts `unlimited`
  | 'size' // bytes with an optional unit (`256 M`)
  | 'time' // seconds with an optional unit (`1 mins`)
  | 'string'
  | 'bool' // yes / no
  | 'octal' // a file mode such as 0600
  | 'port'
  | 'enum'
  | 'list' // space-separated words (2.3 strings that hold lists)
  | 'boollist' // 2.4 list type: words that are switched on or off
  | 'version' // 2.4 dovecot_config_version / dovecot_storage_version
  | 'section' // a block such as `unix_listener PATH { }`
  | 'section-name'; // the name written after a block keyword (the service name, a listener's path)

export type SettingUnit = 'processes' | 'connections' | 'requests' | 'bytes' | 'seconds' | 'entries';

/** What a special value does in one version: accepted or not, and what it means. */
export interface SpecialValue {
  /** Whether doveconf accepts the value (exit 0). */
  readonly accepted: boolean;
  /** Machine-readable meaning. */
  readonly meaning: 'use-default' | 'no-limit' | 'never' | 'none' | 'disabled' | 'error';
  /** One sentence for readers. */
  readonly text: string;
  /**
   * When rejected: the part of doveconf's stderr that names the problem. `NAME` stands for the
   * service name (2.4 service checks print `service(NAME): ...`).
   */
  readonly message?: string;
}

/** A setting as one Dovecot version has it. */
export interface VersionedSetting {
  /** The name as written in its own context: inside the service/listener block, or globally. */
  readonly name: string;
  /** 2.4: the flat (global) form, e.g. `service_process_limit`, `unix_listener_mode`. */
  readonly flatName?: string;
  readonly type: SettingType;
  readonly unit?: SettingUnit;
  /** Allowed values of an `enum`. */
  readonly values?: readonly string[];
  /**
   * The default exactly as doveconf prints it (2.3 `doveconf -a`, 2.4 `doveconf -d`). For
   * service and listener settings this is the base every service starts from: in 2.3 the value
   * of a service that sets nothing, in 2.4 the global `service_*` / `*_listener_*` line.
   * `null` when doveconf prints no default line (e.g. section names in 2.3, dovecot_config_version).
   */
  readonly default: string | null;
  /** For readers: where the default comes from, e.g. "0, which means default_process_limit (100)". */
  readonly defaultNote?: string;
  readonly zero?: SpecialValue;
  readonly unlimited?: SpecialValue;
}

export interface SettingDef {
  /** Stable id, used as the anchor on /settings: the 2.4 name where 2.4 has the setting. */
  readonly id: string;
  readonly scope: SettingScope;
  /** Grouping on the reference page. */
  readonly group: 'limits' | 'process' | 'listeners' | 'defaults' | 'protocols' | 'auth' | 'login' | 'config-file';
  readonly versions: Readonly<Partial<Record<DovecotVersion, VersionedSetting>>>;
  /** The readers' text (description, changes) is in prose.ts, which only the reference page loads. */
  readonly sources: readonly string[];
}

export type ListenerKind = 'unix_listener' | 'fifo_listener' | 'inet_listener';

/** A listener as the service's built-in defaults state it. */
export interface ListenerData {
  readonly kind: ListenerKind;
  /** The path (unix/fifo) or name (inet) written after the keyword. */
  readonly name: string;
  /**
   * 2.3: the settings that differ from the listener base (every listener prints all of its
   * settings in `doveconf -a`); 2.4: exactly the settings `doveconf -d` lists in the listener.
   */
  readonly settings: Readonly<Record<string, string>>;
}

/** One service's built-in defaults in one version. */
export interface ServiceData {
  readonly name: string;
  /**
   * 2.3: the settings whose value differs from the 2.3 service base (`doveconf -a` prints every
   * setting of every service); 2.4: exactly the settings `doveconf -d` lists in the service's
   * default filter (everything else is inherited from the global `service_*` settings).
   */
  readonly settings: Readonly<Record<string, string>>;
  readonly listeners: readonly ListenerData[];
  /** 2.4: settings that are not service settings but are set in the service's default filter. */
  readonly otherFilterSettings?: readonly string[];
}

/** A service setting after defaults are applied. */
export interface ResolvedSetting {
  /** Catalog id (`restart_request_count`). */
  readonly id: string;
  /** Name in this version (`service_count` in 2.3). */
  readonly name: string;
  /**
   * What the version's doveconf states inside the service (2.3 `-a`: every setting; 2.4 `-d`:
   * only what the service's default filter sets). `null` = not set in the service (inherited).
   */
  readonly raw: string | null;
  /**
   * The value in force, in doveconf's notation, with 0/unset/`$variables` resolved:
   * `100`, `unlimited`, `256 M`, `1 mins`, `infinite`, `dovecot`.
   */
  readonly effective: string;
  /** Where `effective` came from when not from `raw`, e.g. `default_process_limit`, `service_process_limit`. */
  readonly from?: string;
}

export interface ResolvedListener {
  readonly kind: ListenerKind;
  readonly name: string;
  readonly settings: Readonly<Record<string, ResolvedSetting>>;
}

export interface ResolvedService {
  readonly version: DovecotVersion;
  readonly name: string;
  /** Effective `type` ('' for an ordinary service). */
  readonly type: string;
  /** Effective `protocol` ('' when the service serves no protocol). */
  readonly protocol: string;
  /** Keyed by the version's own setting name. */
  readonly settings: Readonly<Record<string, ResolvedSetting>>;
  readonly listeners: readonly ResolvedListener[];
  /** doveconf refuses process_limit > 1 for this service. */
  readonly processLimit1: boolean;
  /** 2.4: the dovecot_config_version these defaults were resolved for. */
  readonly configVersion?: string;
}

export type Limit = number | 'unlimited';

/** The limits a service runs with, as numbers. Keys are catalog ids (2.4 names). */
export interface EffectiveLimits {
  readonly process_limit: Limit;
  readonly client_limit: Limit;
  /** 2.3 service_count (0 = unlimited), 2.4 restart_request_count. */
  readonly restart_request_count: Limit;
  readonly process_min_avail: number;
  /** Bytes. */
  readonly vsz_limit: Limit;
  /** Seconds; 'infinite' = never idle-killed. */
  readonly idle_kill_interval: number | 'infinite';
  /**
   * Connections one process serves at the same time: client_limit, capped at
   * restart_request_count / service_count when that is lower (service_create()).
   */
  readonly clientsPerProcess: Limit;
}

export type SettingValues = Readonly<Record<string, string | number>>;

export interface LimitOverrides {
  /** Settings written inside the service block (either version's names). */
  readonly service?: SettingValues;
  /** Global settings: default_* (both), 2.4 service_* (flat). */
  readonly global?: SettingValues;
}

export interface DefaultsOptions {
  /** 2.4 only: the file's dovecot_config_version (default 2.4.1, what generated configs pin). */
  readonly configVersion?: string;
}

/** A 2.3 → 2.4 change, as data for the migration tool. */
export interface VersionChange {
  readonly kind:
    | 'renamed'
    | 'removed'
    | 'added'
    | 'zero-meaning'
    | 'type-changed'
    | 'default-changed'
    | 'value-syntax'
    | 'service-removed'
    | 'service-added';
  readonly scope: SettingScope | 'service-name' | 'config-file';
  /** 2.3 name (setting or service); absent for additions. */
  readonly from?: string;
  /** 2.4 name; absent for removals. */
  readonly to?: string;
  /** What to write in 2.4 instead, when there is no 1:1 rename. */
  readonly replacement?: string;
  readonly note: string;
  readonly sources: readonly string[];
}
