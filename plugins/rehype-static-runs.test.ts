// Which parts of a page keep their server markup (plugins/rehype-static-runs.ts): static
// stretches become one run each; code blocks, headings, widgets and unknown components do not.
import {describe, expect, it} from 'vitest';
import type {Element, ElementContent, Root, RootContent} from 'hast';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {groupRuns, isStatic, RUN_COMPONENT, staticComponent} from './rehype-static-runs';

const text = (value: string): ElementContent => ({type: 'text', value});
const el = (tagName: string, children: ElementContent[] = [text('x')]): Element => ({type: 'element', tagName, properties: {}, children});
const jsx = (name: string | null, children: RootContent[] = [], attributes: unknown[] = []): RootContent =>
  ({type: 'mdxJsxFlowElement', name, attributes, children}) as unknown as RootContent;
const attr = (name: string, value: unknown) => ({type: 'mdxJsxAttribute', name, value});
const expression = (value: string) => ({type: 'mdxJsxAttributeValueExpression', value});
const esm = {type: 'mdxjsEsm', value: "import X from './x';"} as unknown as RootContent;

/** A compact picture of the result: a run as [..], anything else by its tag or name. */
function shape(nodes: RootContent[]): unknown[] {
  return nodes
    .filter((n) => !(n.type === 'text' && n.value.trim() === ''))
    .map((n) => {
      const name = (n as {name?: string}).name;
      if (name === RUN_COMPONENT) return shape((n as unknown as {children: RootContent[]}).children);
      if (name === 'V23Block' || name === 'V24Block') return {[name]: shape((n as unknown as {children: RootContent[]}).children)};
      return n.type === 'element' ? n.tagName : (name ?? n.type);
    });
}

describe('isStatic', () => {
  it('accepts text, lists, tables, formulas and the static islands', () => {
    expect(isStatic(el('p', [text('a '), el('code'), el('a'), el('strong')]))).toBe(true);
    expect(isStatic(el('table', [el('tbody', [el('tr', [el('td')])])]))).toBe(true);
    expect(isStatic(el('span', [el('math', [el('mrow', [el('mi')])])]))).toBe(true);
    for (const name of ['Setting', 'Default', 'CalculatorLink', 'ExplainLine', 'MeasuredModeTable', 'LoadCheckTable', 'F', 'admonition'])
      expect(isStatic(jsx(name)), name).toBe(true);
    // a static component's data may be an expression
    expect(isStatic(jsx('CalculatorLink', [], [attr('settings', expression("{process_limit: '500'}"))]))).toBe(true);
  });

  it('refuses anything with behaviour, anywhere inside', () => {
    expect(isStatic(el('pre', [el('code')]))).toBe(false);
    expect(isStatic(el('ul', [el('li', [el('pre', [el('code')])])]))).toBe(false);
    expect(isStatic(jsx('V24Block', [el('p'), el('pre')]))).toBe(false);
    expect(isStatic(jsx('details', [el('p')]))).toBe(false);
    expect(isStatic(jsx('ServiceCalculator'))).toBe(false);
    expect(isStatic(jsx('Tabs', [jsx('TabItem', [el('p')])]))).toBe(false);
    expect(isStatic(jsx(null, [el('p')]))).toBe(false);
    expect(isStatic(esm)).toBe(false);
    expect(isStatic({type: 'mdxFlowExpression', value: 'props.x'} as unknown as RootContent)).toBe(false);
    expect(isStatic({type: 'raw', value: '<b>x</b>'} as unknown as RootContent)).toBe(false);
    // a handler on a plain tag
    expect(isStatic(jsx('a', [], [attr('onClick', expression('() => go()'))]))).toBe(false);
  });
});

describe('groupRuns', () => {
  it('makes each stretch between code blocks, headings and widgets one run', () => {
    const page: RootContent[] = [esm, text('\n'), el('p'), text('\n'), el('ul'), text('\n'), el('h2'), el('p'), el('pre'), el('p'), el('table'), jsx('ServiceCalculator'), el('p')];
    expect(shape(groupRuns(page))).toEqual(['mdxjsEsm', ['p', 'ul'], 'h2', ['p'], 'pre', ['p', 'table'], 'ServiceCalculator', ['p']]);
  });

  it('keeps every node in its order, blank text between static parts included', () => {
    const page: RootContent[] = [el('p', [text('one')]), text('\n'), el('p', [text('two')]), text('\n'), el('pre'), text('\n')];
    const out = groupRuns(page);
    const flat = (nodes: RootContent[]): string[] =>
      nodes.flatMap((n) => ((n as {name?: string}).name === RUN_COMPONENT ? flat((n as unknown as {children: RootContent[]}).children) : [n.type === 'text' ? JSON.stringify(n.value) : n.type === 'element' ? n.tagName : n.type]));
    expect(flat(out)).toEqual(['p', '"\\n"', 'p', '"\\n"', 'pre', '"\\n"']);
    // the run ends at its last element: trailing blank text stays outside
    const firstRun = out[0] as unknown as {children: RootContent[]};
    expect(firstRun.children.at(-1)).toMatchObject({type: 'element', tagName: 'p'});
  });

  it('groups inside a version block that holds a code block, and takes a static one whole', () => {
    const page: RootContent[] = [jsx('V24Block', [el('p'), el('p'), el('pre'), el('p')]), jsx('V23Block', [el('p')]), el('p')];
    expect(shape(groupRuns(page))).toEqual([{V24Block: [['p', 'p'], 'pre', ['p']]}, [{V23Block: ['p']}, 'p']]);
  });

  it('leaves a page with nothing static as it was', () => {
    const page: RootContent[] = [el('h2'), el('pre'), jsx('ServiceCalculator')];
    expect(groupRuns(page)).toEqual(page);
  });
});

describe('the plugin', () => {
  it('rewrites the root', async () => {
    const {default: plugin} = await import('./rehype-static-runs');
    const tree: Root = {type: 'root', children: [el('p'), el('h2')]};
    plugin()(tree);
    expect(shape(tree.children)).toEqual([['p'], 'h2']);
  });
});

describe('the list of static components', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
  it('covers every static island the components make', () => {
    const islands = files('src/components')
      .filter((f) => f.endsWith('browser.tsx'))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/browserIsland<[^;]*?>\(\s*'(?:div|span)',\s*'(\w+)'/g)].map((m) => m[1]));
    expect(islands.length).toBeGreaterThan(20);
    expect(islands.filter((name) => !staticComponent(name))).toEqual([]);
  });
  it('decides for every component the site registers for all pages', () => {
    const source = readFileSync('src/theme/MDXComponents.tsx', 'utf8');
    const registered = source.match(/export default \{\.\.\.MDXComponents, ([^}]*)\}/)![1].split(',').map((x) => x.trim().split(':')[0]);
    // These render something the browser changes, or are the run itself.
    const notStatic = new Set(['StaticRun', 'table']);
    expect(registered.length).toBeGreaterThan(5);
    expect(registered.filter((name) => !notStatic.has(name) && !staticComponent(name))).toEqual([]);
  });
});
