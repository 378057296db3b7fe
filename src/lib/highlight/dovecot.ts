/**
 * A grammar in Prism's format for Dovecot's configuration syntax (Prism has none): sections such as
 * `service imap-login {`, `key = value` settings, `!include`, comments, variables such as
 * `$SET:default_login_user` and `%{system:cpu_count}`, sizes, times and `unlimited`.
 */
import type {Grammar, TokenRule} from './tokenize';

const variable: TokenRule = {pattern: /\$(?:SET:)?[A-Za-z_][\w]*|%\{[^}\n]*\}|%[A-Za-z]/, alias: 'variable'};

const valueInside: Grammar = {
  variable,
  keyword: /\b(?:unlimited|infinite|yes|no)\b/,
  number: /\b\d+(?:\.\d+)*(?:\s*(?:[KMGT]i?B?|B|ms|secs?|mins?|hours?|days?|weeks?)\b)?/,
};

export const dovecotGrammar: Grammar = {
  comment: {pattern: /(^|[ \t])#.*/m, lookbehind: true, greedy: true},
  string: {pattern: /"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/, greedy: true, inside: {variable}},
  directive: {pattern: /^[ \t]*!include(?:_try)?\b/m, alias: 'keyword'},
  section: {
    pattern: /^([ \t]*)[A-Za-z_][\w-]*(?:[ \t]+[^\s{=#]+)?(?=[ \t]*\{)/m,
    lookbehind: true,
    inside: {keyword: /^[A-Za-z_][\w-]*/, 'class-name': /\S+$/},
  },
  setting: {
    pattern: /^([ \t]*)[A-Za-z_][\w/.-]*(?=[ \t]*=)/m,
    lookbehind: true,
    alias: 'property',
  },
  value: {pattern: /(=)[^\n#]*/, lookbehind: true, inside: valueInside},
  operator: /=/,
  punctuation: /[{}]/,
};
