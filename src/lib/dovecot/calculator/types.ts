/**
 * Types of the implications calculator: what the widget sends (a version, a service, the
 * service's settings as typed and the expected load) and what the engine returns (findings,
 * problems with the input, the effective limits and the config the input corresponds to).
 */
import type {DovecotVersion} from '../../version';
import type {EffectiveLimits} from '../catalog';

export type Severity = 'ok' | 'info' | 'warning' | 'danger';

export interface Finding {
  /**
   * Stable id: 'pattern' | 'isolation' | 'blocking' | 'capacity' | 'headroom' | 'forks' |
   * 'lifetime' | 'address-space' | 'fds' | 'login-mode' | 'min-avail' | 'mail-processes' |
   * 'login-processes' | 'stats' | 'tasks' | 'memory' | 'hibernate' | 'auth-cache-worker' |
   * `rule-${RuleId}` ...
   */
  id: string;
  /** Short label, e.g. "Isolation". */
  title: string;
  severity: Severity;
  /** One line, plain text. */
  verdict: string;
  /** 1-3 short sentences, plain text (never HTML). */
  explanation: string;
  numbers: Record<string, number | string>;
  /** TeX with the numbers plugged in, e.g. "100 \\times \\min(1000, 1) = 100". */
  formula?: string;
  /** Site path + anchor that explains it, e.g. '/services/client-limit'. */
  link: string;
}

/**
 * Raw text as a user types it, in the version's syntax; undefined = built-in default of the
 * service.
 */
export interface CalculatorSettings {
  process_limit?: string;
  client_limit?: string;
  /** 2.3: service_count. */
  restart_request_count?: string;
  process_min_avail?: string;
  vsz_limit?: string;
}

export interface CalculatorLoad {
  /** Simultaneous sessions of the service's protocol (for other services: their connections). */
  peakConnections: number;
  connectionsPerSecond: number;
  cores: number;
  ramGiB: number;
  /** Share of the sessions that use TLS, 0–100 (default 100). */
  tlsPercent?: number;
}

export interface CalculatorInput {
  version: DovecotVersion;
  service: string;
  settings: CalculatorSettings;
  load: CalculatorLoad;
  /** 2.4 only: dovecot_config_version (default 2.4.1). */
  configVersion?: string;
  /**
   * The enabled protocols, in the generator's names (managesieve, not sieve); default: the full
   * set Debian enables (imap pop3 lmtp submission managesieve). The service's own protocol is
   * always added.
   */
  protocols?: readonly string[];
  /** This server proxies (proxy=y): sessions stay in their login process; no mail process here. */
  proxy?: boolean;
  /** The authentication cache is on (auth_cache_size > 0). */
  authCache?: boolean;
}

export interface FieldProblem {
  field: keyof CalculatorSettings | keyof CalculatorLoad | 'service' | 'configVersion' | 'protocols';
  /** Names the field, e.g. "restart_request_count: 0 is not allowed in Dovecot 2.4; write unlimited". */
  message: string;
}

export interface CalculatorResult {
  findings: Finding[];
  problems: FieldProblem[];
  effective: EffectiveLimits | null;
  /**
   * The service block (and auth/anvil if relevant) the input corresponds to, in the version's
   * syntax, printed with printConfig.
   */
  config: string;
}
