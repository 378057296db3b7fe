/**
 * Types of the config generator: the admin's answers (GeneratorInput) and what the generator
 * hands back (a config tree, its printed text, a systemd drop-in, warnings and one explanation
 * per emitted value).
 */
import type {DovecotVersion} from '../../version';
import type {ConfigTree} from '../conf';

export type {DovecotVersion};

/** The protocols the generator knows, in the order they are shown and printed. */
export const GENERATOR_PROTOCOLS = ['imap', 'pop3', 'lmtp', 'submission', 'managesieve'] as const;
export type GeneratorProtocol = (typeof GENERATOR_PROTOCOLS)[number];

/** Protocols that have a login service (`<protocol>-login`); lmtp has none. */
export const LOGIN_PROTOCOLS: readonly GeneratorProtocol[] = ['imap', 'pop3', 'submission', 'managesieve'];

/**
 * high-security: one login process per connection (the built-in default).
 * high-performance: long-running login processes with many connections each.
 */
export type LoginMode = 'high-security' | 'high-performance';

/**
 * How often a mail process (imap, pop3, submission, managesieve) is reused, after the four
 * patterns of Timo Sirainen's June 2012 message:
 * 'one' = one connection per process (the default), 'bounded' = restart every `reuseCount`
 * connections, 'unlimited' = never restart.
 */
export type MailReuse = 'one' | 'bounded' | 'unlimited';

/**
 * process_min_avail of the login services: 'cores' writes the number of CPU cores given,
 * 'cpu_count' (2.4 only) writes `%{system:cpu_count}` (doveconf expands it on the machine that
 * reads the file), 'off' leaves the default 0.
 */
export type MinAvailMode = 'cores' | 'cpu_count' | 'off';

/** 'blocks': only the blocks to paste; 'file': a whole minimal file (2.4 header, protocols). */
export type OutputForm = 'blocks' | 'file';

export interface GeneratorInput {
  version: DovecotVersion;
  /** 2.4: the dovecot_config_version to write and to take defaults from (ignored for 2.3). */
  configVersion: string;
  cores: number;
  ramGiB: number;
  /** Enabled protocols (at least one). */
  protocols: GeneratorProtocol[];
  /** Expected peak of concurrent connections per protocol (ignored for disabled protocols). */
  peak: Record<GeneratorProtocol, number>;
  /** New connections per second at peak, over all protocols. */
  newPerSecond: number;
  /** Share of client connections that use TLS (implicit or STARTTLS), 0–100. */
  tlsPercent: number;
  /**
   * This server proxies (passdb returns proxy=y): every session, plaintext or TLS, stays in its
   * login process for its whole life, and no mail process runs here for it.
   */
  proxy: boolean;
  loginMode: LoginMode;
  mailReuse: MailReuse;
  /** N for mailReuse 'bounded'. */
  reuseCount: number;
  authCache: boolean;
  /** Expected number of distinct users, to size auth_cache_size. */
  cacheUsers: number;
  /** auth_cache_ttl in minutes. */
  cacheTtlMinutes: number;
  /** auth_cache_negative_ttl in minutes (0 turns negative caching off). */
  cacheNegativeTtlMinutes: number;
  minAvail: MinAvailMode;
  comments: boolean;
  output: OutputForm;
}

export type GeneratorField = keyof GeneratorInput | `peak.${GeneratorProtocol}`;

/** A problem with one input field; the generator used the default for that field instead. */
export interface FieldProblem {
  field: GeneratorField;
  /** Names the field, e.g. "cores: must be a whole number from 1 to 1024 (got -3)". */
  message: string;
}

export type WarningSeverity = 'info' | 'warning' | 'danger';

export interface GeneratorWarning {
  /** Stable id, e.g. 'unlimited-reuse', 'input-cores'. */
  id: string;
  severity: WarningSeverity;
  /** Plain text, one to three sentences. */
  message: string;
  /** Site path with anchor that explains the topic. */
  link: string;
}

export interface Explanation {
  /** 'service imap-login/process_limit', or the setting name for a global setting. */
  path: string;
  /** The setting's name in the version (`service_count` in 2.3). */
  setting: string;
  /** The value as printed. */
  value: string;
  /** Why this value: the rule, its source and the numbers. */
  why: string;
  /** The same in a few words (the comment written next to the value), e.g. `10000 peak × 1.25 headroom`. */
  short: string;
  /** '/settings#process_limit' */
  anchor: string;
  /** A wiki page with anchor that works the rule out (auth_cache_size: '/auth-cache#sizing'). */
  guide?: string;
}

export interface GeneratorOutput {
  /** The input actually used (after falling back to defaults for bad fields). */
  input: GeneratorInput;
  problems: FieldProblem[];
  tree: ConfigTree;
  /** printConfig(tree) */
  text: string;
  /** A systemd drop-in for dovecot.service (not part of the Dovecot config). */
  systemd: string;
  warnings: GeneratorWarning[];
  explanations: Explanation[];
  /**
   * The sums doveconf checks and what the running master needs, as the generator computed them
   * (for display; tests recompute them).
   */
  sums: {
    /** W1: what `service auth { client_limit }` must at least be. */
    authClientsRequired: number;
    /** W2: what `service anvil { client_limit }` must at least be. */
    anvilClientsRequired: number;
    /** Processes that connect to stats at the peak with headroom: what its client_limit must be. */
    statsClientsRequired: number;
    /** The largest client_limit of an enabled service (the master's fd check, W3). */
    largestClientLimit: number;
    /** File descriptors the most demanding process needs (ulimit -n, LimitNOFILE). */
    fdsRequired: number;
    /** Processes (systemd tasks) at the peak with headroom. */
    tasksAtPeak: number;
    /** systemd's DefaultTasksMax for the RAM given. */
    defaultTasksMax: number;
    /** Resident memory at the peak from the measured RSS per process, in bytes (an upper bound). */
    residentBytesAtPeak: number;
  };
}
