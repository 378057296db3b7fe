// Public API of the Dovecot configuration-syntax module: parse, print, compare
// and query dovecot.conf / conf.d / doveconf output. Pure TypeScript, no I/O.

export {MAX_CONFIG_BYTES, MAX_REPORTED_ERRORS, MAX_SECTION_DEPTH} from './ast';
export type {
  BlankNode,
  CommentNode,
  ConfigError,
  ConfigTree,
  IncludeNode,
  Node,
  ParseOptions,
  ParseResult,
  Pos,
  PrintOptions,
  Quote,
  SectionNode,
  SettingNode,
} from './ast';
export {parseConfig} from './parse';
export {printConfig, MAX_INDENT_DEPTH} from './print';
export {treesEqual, stripPositions} from './equal';
export {
  findSections,
  flattenSettings,
  getSetting,
  getSettings,
  sectionLabel,
  walkConfig,
  type FindSectionsOptions,
  type FlatSetting,
  type WalkControl,
} from './query';
export {
  expandFlatServiceSetting,
  LISTENER_SETTINGS,
  SERVICE_SETTINGS,
  type FlatServiceSetting,
  type ListenerType,
} from './flat';
export {readHeader, type DoveconfHeader} from './header';
