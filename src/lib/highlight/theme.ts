/**
 * Colours for tokens from a Prism theme object (the site's are in plugins/prism-themes.ts), as
 * inline styles the way Docusaurus's code blocks apply them: the styles of all a token's types
 * merged in order; plain text takes the line's colour.
 */
import type {LineToken} from './lines';

export type CodeStyle = Record<string, string | number | undefined>;
export interface CodeTheme {
  plain: CodeStyle;
  styles: {types: string[]; style: CodeStyle; languages?: string[]}[];
}

export interface CodeThemeStyles {
  /** The block's colours (`<pre>`). */
  root: CodeStyle;
  /** Each line's colour, without a background of its own. */
  line: CodeStyle;
  token(token: LineToken): CodeStyle | undefined;
}

export function codeThemeStyles(theme: CodeTheme, language: string): CodeThemeStyles {
  const byType: Record<string, CodeStyle> = {};
  for (const entry of theme.styles) {
    if (entry.languages && !entry.languages.includes(language)) continue;
    for (const type of entry.types) byType[type] = {...byType[type], ...entry.style};
  }
  const line = {...theme.plain, backgroundColor: undefined};
  byType.plain = line;
  return {
    root: theme.plain,
    line,
    token({types, empty}) {
      // An empty line's placeholder keeps its height.
      const base: CodeStyle = empty ? {display: 'inline-block'} : {};
      if (types.length === 1 && types[0] === 'plain') return empty ? base : undefined;
      if (types.length === 1 && empty) return byType[types[0]];
      return Object.assign(base, ...types.map((t) => byType[t]));
    },
  };
}
