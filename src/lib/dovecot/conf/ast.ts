// Syntax tree for Dovecot configuration text (dovecot.conf, conf.d files and
// `doveconf -n/-a/-d` output, Dovecot 2.3 and 2.4).
//
// The tree is concrete enough to print the file back (comments, blank lines,
// quoting style) but never interprets settings: includes are not resolved,
// `$var` / `%{...}` are kept verbatim, repeated sections stay separate nodes.
//
// Shape, by example:
//
//   service imap-login {          SectionNode  type='service' name='imap-login'
//     inet_listener imaps {       SectionNode  type='inet_listener' name='imaps'
//       port = 993                SettingNode  key='port' value='993'
//     }
//   }
//   ssl_cert = </etc/cert.pem     SettingNode  value='/etc/cert.pem' file=true
//   login_greeting = "Hi there"   SettingNode  value='Hi there' quote='"'
//   !include_try local.conf       IncludeNode  path='local.conf' optional=true
//   group @metric_defaults backend {   SectionNode type='group' group='@metric_defaults' name='backend'
//   # text                        CommentNode  text=' text'  (everything after '#')
//                                 BlankNode    (one per empty line)
//
// Positions (`pos`, `end`) are 1-based; columns count UTF-16 code units.
// They never take part in tree equality: use `treesEqual` or compare
// `stripPositions(a)` with `stripPositions(b)`.

export interface Pos {
  line: number;
  column: number;
}

export type Quote = '"' | "'";

/** `key = value`. `value` is the semantic value: unescaped if it was quoted. */
export interface SettingNode {
  kind: 'setting';
  /** May contain '/', '-', '.' (2.4 flat forms like `service/imap/service_process_limit`). */
  key: string;
  value: string;
  /** Set when the value was written in quotes; the printer reuses this quote character. */
  quote?: Quote;
  /** `key = <path`: `value` is the path, the file is never read. */
  file?: boolean;
  /** Trailing comment: the text after '#', verbatim (usually starts with a space). */
  comment?: string;
  pos: Pos;
}

/**
 * `type {`, `type name {`, `type "quoted name" {`, or the 2.4 form
 * `group @group-name name {`. Covers services, listeners, passdb/userdb,
 * namespaces, mailboxes and filters (`protocol imap`, `local 10.0.0.0/8`, ...).
 */
export interface SectionNode {
  kind: 'section';
  type: string;
  name?: string;
  /** The name was written in double quotes (`unix_listener "srv.imap/%{pid}" {`). */
  nameQuoted?: boolean;
  /** Only for `group @name filter {` headers (Dovecot 2.4): the `@name` word. */
  group?: string;
  children: Node[];
  /** Comment after the opening `{`. */
  comment?: string;
  /** Comment after the closing `}`. */
  endComment?: string;
  pos: Pos;
  /** Position of the closing `}`; absent when it was missing. */
  end?: Pos;
}

/** `!include path` / `!include_try path`; kept as written, never resolved. */
export interface IncludeNode {
  kind: 'include';
  path: string;
  /** true for `!include_try` (a missing file is not an error in Dovecot). */
  optional: boolean;
  /** Set when the path was quoted (Dovecot itself would take the quotes literally). */
  quote?: Quote;
  comment?: string;
  pos: Pos;
}

/** A whole-line comment; `text` is everything after the '#'. */
export interface CommentNode {
  kind: 'comment';
  text: string;
  pos: Pos;
}

/** One empty (or whitespace-only) line. */
export interface BlankNode {
  kind: 'blank';
  pos: Pos;
}

export type Node = SettingNode | SectionNode | IncludeNode | CommentNode | BlankNode;

export interface ConfigTree {
  children: Node[];
}

/** A syntax problem; the parser reports it and carries on with the next line. */
export interface ConfigError {
  line: number;
  column: number;
  message: string;
}

export interface ParseResult {
  tree: ConfigTree;
  errors: ConfigError[];
}

export interface ParseOptions {
  /** Refuse inputs larger than this many UTF-8 bytes (default MAX_CONFIG_BYTES). */
  maxBytes?: number;
}

export interface PrintOptions {
  /** One level of indentation (default two spaces, as doveconf prints). */
  indent?: string;
}

/** 1 MiB: far above any real dovecot.conf, low enough to keep a browser tab responsive. */
export const MAX_CONFIG_BYTES = 1_048_576;

/**
 * Deepest nesting of sections the parser reads. Real configs nest a few levels (a listener in a
 * service, a mailbox in a namespace in a protocol filter); a section deeper than this is skipped,
 * with what it contains, and reported. Keeps every later walk over the tree short.
 */
export const MAX_SECTION_DEPTH = 32;

/** After this many errors the parser only counts the rest (garbage input would flood the UI). */
export const MAX_REPORTED_ERRORS = 1000;
