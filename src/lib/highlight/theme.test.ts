// The stylesheet of both colour modes (codeThemeCss) gives every token of the wiki's blocks the
// colours the inline styles gave it (codeThemeStyles, itself checked against
// prism-react-renderer in prism-parity.test.ts): the cascade of the generated rules is worked out
// here per token, mode by mode.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {darkCodeTheme, lightCodeTheme} from '../../../plugins/prism-themes';
import {allDocsBlocks} from '../../../tests/doveconf/docs-blocks';
import {highlightLines} from './index';
import {codeThemeCss, codeThemeStyles, type CodeStyle, type CodeTheme} from './theme';

type Rule = {selectors: string[]; decls: Record<string, string>};

function parseCss(css: string): Rule[] {
  return [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({
    selectors: m[1].split(',').map((s) => s.trim()),
    decls: Object.fromEntries(
      m[2]
        .split(';')
        .filter(Boolean)
        .map((d) => {
          const i = d.indexOf(':');
          return [d.slice(0, i), d.slice(i + 1)];
        }),
    ),
  }));
}

const camel = (prop: string) => prop.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** What the generated rules give a token with `types` in `mode`: the last matching rule wins per property. */
function cascade(rules: Rule[], mode: 'light' | 'dark', types: string[]): CodeStyle | undefined {
  const prefix = mode === 'dark' ? "html[data-theme='dark'] .prism-code .token." : "html:not([data-theme='dark']) .prism-code .token.";
  const out: CodeStyle = {};
  for (const r of rules) {
    if (r.selectors.some((s) => s.startsWith(prefix) && types.includes(s.slice(prefix.length)))) {
      for (const [k, v] of Object.entries(r.decls)) out[camel(k)] = v;
    }
  }
  return Object.keys(out).length ? out : undefined;
}

function withoutLayout(style: CodeStyle | undefined): CodeStyle | undefined {
  if (!style) return undefined;
  const {display: _d, ...rest} = style;
  return Object.keys(rest).length ? rest : undefined;
}

describe('codeThemeCss', () => {
  const css = codeThemeCss(lightCodeTheme, darkCodeTheme);
  const rules = parseCss(css);
  const text = [...allDocsBlocks().map((b) => b.text), readFileSync('tests/doveconf/fixtures/doveconf-2.4-d.txt', 'utf8')].join('\n');
  const tokens = highlightLines(text, 'dovecot').flat();

  for (const [mode, theme] of [['light', lightCodeTheme], ['dark', darkCodeTheme]] as [('light' | 'dark'), CodeTheme][]) {
    it(`colours every token of the wiki as the inline styles did (${mode})`, () => {
      const inline = codeThemeStyles(theme, 'dovecot');
      const seen = new Set<string>();
      for (const t of tokens) {
        const key = t.types.join(' ');
        if (seen.has(key)) continue;
        seen.add(key);
        expect(cascade(rules, mode, t.types), key).toEqual(withoutLayout(inline.token({types: t.types, content: 'x'})));
      }
      expect(seen.size).toBeGreaterThan(8);
    });

    it(`sets the block's colours as Docusaurus's variables (${mode})`, () => {
      const html = mode === 'dark' ? "html[data-theme='dark']" : "html:not([data-theme='dark'])";
      expect(rules.find((r) => r.selectors[0] === html)?.decls).toEqual({
        '--prism-color': theme.plain.color,
        '--prism-background-color': theme.plain.backgroundColor,
      });
      expect(rules.find((r) => r.selectors[0] === `${html} .prism-code .token-line`)?.decls).toEqual({color: theme.plain.color});
    });
  }

  it('refuses what it cannot express', () => {
    expect(() => codeThemeCss({plain: {}, styles: [{types: ['a b'], style: {color: 'red'}}]}, darkCodeTheme)).toThrow(/not a class name/);
    expect(() => codeThemeCss({plain: {}, styles: [{types: ['a'], languages: ['x'], style: {color: 'red'}}]}, darkCodeTheme)).toThrow(/language-specific/);
  });
});
