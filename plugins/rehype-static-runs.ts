/**
 * Groups the consecutive parts of a page that never change in the browser (paragraphs, lists,
 * tables, formulas, the site's static islands) into `<StaticRun>` elements
 * (src/components/StaticRun), which keep the server's markup instead of being hydrated: on a long
 * page, hydrating text is most of the main-thread work a reader waits through. Whatever has
 * behaviour stays outside a run and hydrates as before: code blocks (their copy button), headings
 * (cheap, and the theme's `.markdown > h2` spacing selects them as children of the page), widgets,
 * `<details>`, expressions and anything this list does not know. Runs are formed at the top of
 * the page and inside the version blocks, whose own hydration rules (ByVersion.tsx) stay as they are.
 * Runs last in the rehype pipeline, after the formulas are MathML.
 */
import type {ElementContent, Root, RootContent} from 'hast';

export const RUN_COMPONENT = 'StaticRun';

/** MDX components that render the same markup on the server and in the browser and have no handlers. */
const STATIC_COMPONENTS = new Set([
  'V23',
  'V24',
  'V23Block',
  'V24Block',
  'Default',
  'Setting',
  'DefaultsTable',
  'SettingInfo',
  'SettingDefaults',
  'CalculatorLink',
  'GeneratorLink',
  'ExplainLine',
  'F',
  'admonition',
]);
/** The measured-results and load-check components are static islands (src/components/StaticIsland). */
const STATIC_PREFIXES = ['Measured', 'LoadCheck'];

/** Tags with behaviour of their own or that the theme turns into interactive components. */
const INTERACTIVE_TAGS = new Set(['pre', 'details', 'summary', 'button', 'input', 'select', 'textarea', 'form', 'iframe', 'video', 'audio', 'script', 'style', 'dialog']);
/** Kept outside runs at the level where runs are made (see the header). */
const HEADING = /^h[1-6]$/;
/** Containers whose children are grouped too when the container itself cannot be a run. */
const VERSION_BLOCKS = new Set(['V23Block', 'V24Block']);

type JsxNode = {type: 'mdxJsxFlowElement' | 'mdxJsxTextElement'; name: string | null; attributes: unknown[]; children: RootContent[]};
type Any = Root | RootContent | ElementContent;

function jsxName(node: Any): string | null | undefined {
  return node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement' ? (node as unknown as JsxNode).name : undefined;
}

export function staticComponent(name: string): boolean {
  return STATIC_COMPONENTS.has(name) || STATIC_PREFIXES.some((p) => name.startsWith(p)) || (/^[a-z]/.test(name) && !INTERACTIVE_TAGS.has(name));
}

/** Whether a node and everything in it is plain markup the browser never changes. */
export function isStatic(node: Any): boolean {
  switch (node.type) {
    case 'text':
    case 'comment':
      return true;
    case 'element':
      return !INTERACTIVE_TAGS.has(node.tagName) && node.children.every(isStatic);
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement': {
      const jsx = node as unknown as JsxNode;
      // On a plain tag an attribute written as an expression could be a handler; a static
      // component's expression attributes are only its data.
      const literal = jsx.attributes.every((a) => {
        const attr = a as {type: string; value?: unknown};
        return attr.type === 'mdxJsxAttribute' && (attr.value === null || attr.value === undefined || typeof attr.value === 'string');
      });
      if (jsx.name === null || !staticComponent(jsx.name)) return false;
      return (/^[A-Z]/.test(jsx.name) || literal) && jsx.children.every(isStatic);
    }
    default:
      // ESM, expressions, raw HTML and anything newer: not known to be plain
      return false;
  }
}

function isBlank(node: RootContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

function canJoinRun(node: RootContent): boolean {
  if (node.type === 'element' && HEADING.test(node.tagName)) return false;
  return isStatic(node);
}

function run(children: RootContent[]): RootContent {
  return {type: 'mdxJsxFlowElement', name: RUN_COMPONENT, attributes: [], children} as unknown as RootContent;
}

/** The children with every stretch of static nodes (blank text between them included) made one run. */
export function groupRuns(children: RootContent[]): RootContent[] {
  const out: RootContent[] = [];
  let current: RootContent[] = [];
  let pendingBlank: RootContent[] = [];
  const close = () => {
    if (current.length > 0) out.push(run(current));
    out.push(...pendingBlank);
    current = [];
    pendingBlank = [];
  };
  for (const child of children) {
    if (isBlank(child)) {
      (current.length > 0 ? pendingBlank : out).push(child);
    } else if (canJoinRun(child)) {
      current.push(...pendingBlank, child);
      pendingBlank = [];
    } else {
      close();
      const name = jsxName(child);
      if (name && VERSION_BLOCKS.has(name)) {
        const block = child as unknown as JsxNode;
        block.children = groupRuns(block.children);
      }
      out.push(child);
    }
  }
  close();
  return out;
}

export default function rehypeStaticRuns() {
  return (tree: Root): void => {
    tree.children = groupRuns(tree.children);
  };
}
