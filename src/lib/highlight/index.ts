/**
 * Syntax colouring for the site's code blocks. Only Dovecot's configuration syntax is coloured
 * (its grammar is ours, Prism has none); every other language renders as plain lines, as it did
 * with the Prism languages Docusaurus bundles, none of which the wiki uses.
 */
import {dovecotGrammar} from './dovecot';
import {toLines, type Line} from './lines';
import {tokenize, type Grammar} from './tokenize';

export type {Line, LineToken} from './lines';
export {codeThemeStyles, type CodeTheme, type CodeStyle} from './theme';

const GRAMMARS: Record<string, Grammar> = {dovecot: dovecotGrammar};

export function highlightLines(code: string, language: string): Line[] {
  const grammar = GRAMMARS[language.toLowerCase()];
  return toLines(grammar ? tokenize(code, grammar) : [code]);
}
