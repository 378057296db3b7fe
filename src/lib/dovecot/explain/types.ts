/**
 * What the explainer returns: plain data only (strings and numbers, never markup), so a view can
 * render it as text and nothing the user pasted can become HTML.
 */
import type {DovecotVersion} from '../../version';
import type {CalculatorLoad, CalculatorSettings, Finding} from '../calculator/types';
import type {RuleId} from '../rules';
import type {TroubleshootingAnchor} from './anchors';

/** A `/calculator` state to prefill: the view turns it into a link with the calculator's codec. */
export interface CalculatorPrefill {
  version: DovecotVersion;
  service: string;
  settings: CalculatorSettings;
}

/** A concrete change that fixes a problem, in words and (when it is one setting) as data. */
export interface Fix {
  /** One sentence, plain text; setting names in backticks. */
  text: string;
  /** The setting to change, when the fix is one setting of one service. */
  service?: string;
  setting?: string;
  /** The value to set it to, in the version's syntax ("1224", "unlimited", "512M"). */
  value?: string;
  calculator?: CalculatorPrefill;
}

/**
 * Where the version comes from: the reader's choice on the page, a clue in the text (strongest
 * first), or, with no clue, the version chosen for the site (`site`, or `default` without one).
 */
export type VersionSource = 'override' | 'header' | 'config-version' | 'log' | 'setting-name' | 'syntax' | 'variable' | 'site' | 'default';

export interface VersionEvidence {
  version: DovecotVersion;
  source: VersionSource;
  /** "dovecot_config_version = 2.4.1 on line 1". */
  reason: string;
  line?: number;
}

export interface VersionDetection {
  /** The version the analysis uses. */
  version: DovecotVersion;
  /** What the text itself says; 'unknown' when nothing in it names a version. */
  detected: DovecotVersion | 'unknown';
  source: VersionSource;
  reason: string;
  /** Every clue found, strongest first (at most a few dozen). */
  evidence: VersionEvidence[];
  /** Clues that point at the other version. */
  conflicts: VersionEvidence[];
}

/** One line of the input as the splitter saw it. */
export interface InputLine {
  /** 1-based line number in the pasted text. */
  line: number;
  text: string;
}

/** A log line with its prefixes (container, timestamp, host, process, level) taken off. */
export interface LogLine extends InputLine {
  /** `imap-login`, `master`, `doveconf`, `log(28255)` → `log`; absent when the line had none. */
  process?: string;
  /** `Info`, `Warning`, `Error`, `Fatal`, `Panic`, `Debug`. */
  level?: string;
  /** The message after the prefixes. */
  message: string;
  /** The timestamp as written, if any. */
  timestamp?: string;
  /**
   * Lines a log viewer wrapped the message onto (their numbers), joined into `message`: with a
   * space or without, whichever the message is recognised with.
   */
  wrappedLines?: number[];
}

export interface RecognisedLog {
  /** Stable id of the message kind, e.g. `process-limit-reached`. */
  kind: string;
  /** Short title, e.g. "process_limit reached". */
  title: string;
  severity: 'info' | 'warning' | 'error';
  /** The version whose wording this is, when only one version prints it. */
  version?: DovecotVersion;
  /** Numbers and names pulled out of the line. */
  numbers: Record<string, number | string>;
  /** W1/W2: the services summed, as the line lists them. */
  counted?: {service: string; process_limit: number}[];
  /** What it means, plain text, 1-3 sentences. */
  meaning: string;
  fix?: Fix;
  anchor?: TroubleshootingAnchor;
  /** Other site page that explains it (`/settings#restart_request_count`). */
  link?: string;
}

export interface LogExplanation extends LogLine {
  recognised: RecognisedLog | null;
  /** Identical lines folded into this one (same kind and numbers). */
  repeats: number;
  /** Line numbers of the folded repeats (at most 20). */
  repeatLines: number[];
}

export type Severity = 'ok' | 'info' | 'warning' | 'error';

/** A doveconf check on the pasted config, with doveconf's exact text. */
export interface RuleExplanation {
  id: RuleId;
  severity: 'error' | 'warning';
  /** 'doveconf' prints it; 'master' only logs it at startup. */
  source: 'doveconf' | 'master';
  /** Exactly what doveconf prints after `doveconf: Error:` / `Warning:`. */
  message: string;
  service?: string;
  line?: number;
  numbers: Record<string, number | string>;
  fix?: Fix;
  anchor?: TroubleshootingAnchor;
  /** Why it happens in this config, when a setting of the text is the cause (plain text). */
  note?: string;
}

export interface EffectiveView {
  process_limit: string;
  client_limit: string;
  restart_request_count: string;
  process_min_avail: string;
  vsz_limit: string;
  idle_kill_interval: string;
  /** Connections one process serves at once. */
  clients_per_process: string;
  /** process_limit × clients per process. */
  capacity: string;
  /** process_limit × vsz_limit: the address space all processes may reserve together. */
  address_space: string;
}

export interface ServiceExplanation {
  name: string;
  /** Line of the first `service NAME {` (or flat setting) for it. */
  line: number;
  /** A built-in service of the version (its defaults are known). */
  builtin: boolean;
  /** Its protocol is listed in `protocols` (or it has none); null when protocols is unknown. */
  enabled: boolean | null;
  protocol: string;
  /** Settings written for it, in the version's names, last one wins. */
  written: {key: string; value: string; line: number}[];
  /** After defaults; null when it cannot be worked out (see `problems`). */
  effective: EffectiveView | null;
  /** The calculator's findings for this service (rule findings are shown separately). */
  findings: Finding[];
  /** Why something could not be evaluated, or what doveconf refuses, plain text. */
  problems: string[];
  severity: Severity;
  calculator: CalculatorPrefill;
}

export interface UnknownSetting {
  line: number;
  key: string;
  value: string;
  /** `service imap-login`, `service imap-login / inet_listener imap`, or '' (global). */
  context: string;
  /** Why, plain text: "2.4 calls it restart_request_count". */
  reason: string;
  /** What doveconf of the version prints, when the wording is known. */
  doveconf?: string;
  /** /settings anchor of the setting, when it has one. */
  link?: string;
  anchor?: TroubleshootingAnchor;
}

export interface CannotEvaluate {
  line: number;
  text: string;
  why: string;
  /** Every line the entry stands for, when it is more than `line` (a branch of a template). */
  lines?: number[];
}

export interface MigrationChange {
  line: number;
  /** "service_count = 0 → restart_request_count = unlimited". */
  text: string;
  note?: string;
}

export interface Migration {
  /** The 2.4 block to copy, printed by printConfig. */
  text: string;
  changes: MigrationChange[];
  /** Things the migration could not convert; empty = complete. */
  notConverted: CannotEvaluate[];
  complete: boolean;
}

export interface ConfigPart {
  firstLine: number;
  lastLine: number;
}

export interface Assumption {
  text: string;
}

export interface ExplainOptions {
  /** Use this version instead of detecting one. */
  version?: DovecotVersion;
  /** The version chosen for the whole site (the navbar): used when the text gives no clue. */
  siteVersion?: DovecotVersion;
  /**
   * The reader's load, for the findings that depend on one (capacity and headroom need
   * peakConnections, forks connectionsPerSecond, process_min_avail cores); a finding whose field
   * is missing is left out. It counts for the services of the mail clients' protocols (imap, pop3,
   * submission, sieve); without it only what holds at any load is shown.
   */
  load?: Partial<CalculatorLoad>;
}

export interface ExplainResult {
  /** Set when nothing was analysed (input too large, not text). */
  refused: string | null;
  bytes: number;
  lines: number;
  version: VersionDetection;
  /** Contiguous runs of configuration lines. */
  configParts: ConfigPart[];
  /** Syntax errors of the configuration part, line-numbered as pasted. */
  parseErrors: {line: number; column: number; message: string}[];
  assumptions: Assumption[];
  services: ServiceExplanation[];
  /** What the configuration gets wrong for every service at once (a login user that reads mail). */
  findings: Finding[];
  rules: RuleExplanation[];
  /** Checks that apply when the text is a whole 2.4 dovecot.conf (E17/E18) but are not judged. */
  wholeFileNotes: RuleExplanation[];
  unknownSettings: UnknownSetting[];
  cannotEvaluate: CannotEvaluate[];
  /** 2.3 → 2.4; null when the config is 2.4 or there is no config. */
  migration: Migration | null;
  logs: LogExplanation[];
  /** Lines that are neither configuration nor a Dovecot log line the tool knows. */
  unrecognised: InputLine[];
  /** Entries left out of `logs` / `unrecognised` because there were too many. */
  omitted: {logs: number; unrecognised: number};
}
