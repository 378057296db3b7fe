/**
 * The config generator: answers about a server → `service { }` blocks (and auth cache settings)
 * that the real doveconf of the chosen version accepts, each value explained, plus a systemd
 * drop-in and warnings. Pure TypeScript; the UI lives in src/components.
 */
export * from './types';
export {
  GENERATOR_DEFAULTS,
  PRESETS,
  NUMBER_FIELDS,
  LOGIN_MODES,
  MAIL_REUSE,
  MIN_AVAIL_MODES,
  OUTPUT_FORMS,
  presetInput,
  cloneInput,
  normalizeInput,
  validateInput,
  type Preset,
  type PresetId,
  type NumberField,
  type NormalizedInput,
} from './schema';
export {SIZING, makePlan, type Plan, type PlannedBlock, type PlannedSetting, type SumTerm} from './sizing';
export {generate, textWithPermalink, planFor, asServerReadsIt, systemdLimits, systemdText, SYSTEMD_DROP_IN_PATH, type SystemdLimits} from './generate';
export {mailClientLimitWarnings, LINKS, MAIL_PROCESS_SERVICES} from './warnings';
export {copyAsAnswer, ANSWER_WIDTH} from './answer';
