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
   * 'lifetime' | 'address-space' | 'fds' | 'login-mode' | 'min-avail' | `rule-${RuleId}` ...
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
  peakConnections: number;
  connectionsPerSecond: number;
  cores: number;
  ramGiB: number;
}

export interface CalculatorInput {
  version: DovecotVersion;
  service: string;
  settings: CalculatorSettings;
  load: CalculatorLoad;
  /** 2.4 only: dovecot_config_version (default 2.4.1). */
  configVersion?: string;
}

export interface FieldProblem {
  field: keyof CalculatorSettings | keyof CalculatorLoad | 'service' | 'configVersion';
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
