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

/** `fontStyle` → `font-style`. */
function cssProperty(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function declarations(style: CodeStyle): string {
  return Object.entries(style)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${cssProperty(k)}:${String(v)}`)
    .join(';');
}

/**
 * The colours of both colour modes as one stylesheet, keyed on `<html data-theme>` (which
 * Docusaurus's inline script sets before first paint): code blocks are drawn in the reader's
 * mode from the first paint, with no inline colours that only hydration would correct. The
 * block's colours are Docusaurus's `--prism-color` and `--prism-background-color`; tokens are
 * coloured by their `token <type>` classes, rules in the theme's order, so a token of several
 * types gets what codeThemeStyles merges for it (theme.test.ts checks every token of the wiki).
 * Language-specific entries are not supported (the site's themes have none).
 */
export function codeThemeCss(light: CodeTheme, dark: CodeTheme): string {
  const rules: string[] = [];
  for (const [mode, theme] of [['light', light], ['dark', dark]] as const) {
    const html = mode === 'dark' ? "html[data-theme='dark']" : "html:not([data-theme='dark'])";
    const vars: CodeStyle = {};
    if (theme.plain.color !== undefined) vars['--prism-color'] = theme.plain.color;
    if (theme.plain.backgroundColor !== undefined) vars['--prism-background-color'] = theme.plain.backgroundColor;
    rules.push(`${html}{${Object.entries(vars).map(([k, v]) => `${k}:${String(v)}`).join(';')}}`);
    const plain = {...theme.plain, backgroundColor: undefined};
    rules.push(`${html} .prism-code .token-line{${declarations(plain)}}`);
    for (const entry of theme.styles) {
      if (entry.languages) throw new Error('codeThemeCss: language-specific theme entries are not supported');
      const bad = entry.types.find((t) => !/^[a-z][a-z0-9-]*$/i.test(t));
      if (bad !== undefined) throw new Error(`codeThemeCss: ${JSON.stringify(bad)} is not a class name`);
      const selectors = entry.types.map((t) => `${html} .prism-code .token.${t}`);
      rules.push(`${selectors.join(',')}{${declarations(entry.style)}}`);
    }
  }
  rules.push(`.prism-code{color:var(--prism-color);background-color:var(--prism-background-color)}`);
  return `${rules.join('\n')}\n`;
}
