/**
 * Long pages lay out only what the reader can reach at first. The troubleshooting page is about
 * 30 000 px tall on a phone; laying all of it out for the first paint is one task of 50-80 ms on
 * this machine, four times that on a slow phone. An inline script in `<head>` marks the article's
 * blocks that are certainly further down than two and a half screens with `data-dv-far`, and the
 * site's CSS gives those `content-visibility: auto` (src/css/custom.css): the browser lays each one
 * out once it comes near the screen, and until then gives it the height the script estimated.
 * The script marks blocks when the parser reaches the end of `<body>` (a second inline script
 * there), and, should the browser draw a frame before that, at the start of each such frame (a
 * frame's `requestAnimationFrame` callbacks run before its style and layout).
 *
 * "Certainly": the script cannot measure (that would be the layout it avoids), so it adds up a
 * lower bound of each block's height from its text and lines (a line of 16 px text at most 6.5 px
 * a character across the widest column, a code line at least 20 px, each list item at least a
 * line, ...). Blocks it does not know count as nothing, or as the height they declare (a widget);
 * the hidden version's blocks count as nothing too;
 * a block still being parsed counts with what it has. So a block it marks is further down than
 * the bound says, and the first screen never waits for a block to be drawn.
 *
 * The screen's size stands for the window's: reading `innerWidth` or `innerHeight` on a phone lays
 * the page out (the viewport's scale depends on the content), a media query does not. A window is
 * not taller than its screen unless the page is zoomed out; then (the media query tells) nothing
 * is marked.
 *
 * Only blocks whose containment changes no box are marked (paragraphs, headings, lists, code
 * blocks, tables in their scroll box, admonitions, displayed formulas, and after a long article the
 * links to the next page and the footer; tests/e2e/far-blocks.spec.ts compares every box of every
 * page with and without it). Every font the first layout needs is a lookup (on Linux a round trip
 * to the browser process), so what is left out of it matters as much for its fonts (a formula's,
 * the footer's) as for its boxes. Nothing is marked when the page opens on an anchor, on reload
 * or on back/forward (the browser then scrolls to a place computed from real heights), and every
 * mark is removed before the page moves to an anchor of its own (a link to it clicked, the
 * address's anchor changed, a route change in the app: src/clientModules/farBlocksOnAnchor.ts),
 * so a jump lands where the real layout has the heading. Find in page and printing reach marked
 * blocks too.
 */

/**
 * The attribute on a block laid out lazily. Its value is the block's estimated height as a step
 * of a geometric scale (see farHeightBucket), which a CSS rule per step turns into the
 * placeholder's height (src/css/farHeights.generated.css). A value rather than an inline style:
 * writing a custom property into each block's inline style was half of the pass over a long page
 * (222 blocks on /troubleshooting), and blocks of one step share their style.
 */
export const FAR_ATTRIBUTE = 'data-dv-far';

/** The scale of placeholder heights: 40 px up to about 11 000 px, each step 10 % above the last. */
const FAR_HEIGHT_MIN = 40;
const FAR_HEIGHT_RATIO = 1.1;
export const FAR_HEIGHT_STEPS = 60;

/** The step of the scale nearest to `px` (the inline script computes the same). */
export function farHeightBucket(px: number): number {
  return Math.max(0, Math.min(FAR_HEIGHT_STEPS - 1, Math.round(Math.log(px / FAR_HEIGHT_MIN) / Math.log(FAR_HEIGHT_RATIO))));
}

/** The placeholder height (px) of a step. */
export function farBucketHeight(step: number): number {
  return Math.round(FAR_HEIGHT_MIN * FAR_HEIGHT_RATIO ** step);
}

/** The CSS rules that give each step its height: the content of src/css/farHeights.generated.css. */
export function farHeightRules(): string {
  const rules = Array.from({length: FAR_HEIGHT_STEPS}, (_, k) => `[${FAR_ATTRIBUTE}='${k}'] {\n  contain-intrinsic-block-size: auto ${farBucketHeight(k)}px;\n}`);
  return `/* Generated from src/lib/farBlocks.ts (farHeightRules); src/lib/farBlocks.test.ts checks it. */\n${rules.join('\n')}\n`;
}

/** The article's blocks in reading order: its children and those of its runs, version blocks and islands. */
const PARENTS = '.markdown, .markdown > :is(.static-run, .dv-block), .markdown > .dv-block > .static-run';
const CONTAINERS = '.static-run, .dv-block, .static-island';
const BLOCKS = `:is(${PARENTS}, :is(${PARENTS}) > div.static-island) > *`;
/** The blocks the script may mark, the leaves among them (their containment changes no box). */
const LEAVES = 'p, h2, h3, h4, h5, h6, .theme-code-block, .table-scroll, .theme-admonition, .katex-display';
/**
 * A list is a leaf too unless an item holds a block (a paragraph of a loose list, a code block):
 * that block's margins collapse through the list's edge, and containment would keep them inside.
 */
const LIST_BLOCKS = 'p, div, pre, blockquote, table';
/**
 * A block the script cannot estimate (a widget, a chart) may declare a height it has at least at
 * every width (tests/e2e/far-blocks.spec.ts measures each at 320 to 1920 px); it counts as that.
 */
export const FAR_MIN_HEIGHT = 'data-dv-min-height';
export function declaredMinHeight(px: number): Record<string, string> {
  return {[FAR_MIN_HEIGHT]: String(px)};
}

/** What follows the article: the links to the previous and next page, the site's footer. */
const OUTSIDE = '.pagination-nav, footer.footer';
export const FAR_CANDIDATES = `:is(${BLOCKS}):is(${LEAVES}, :is(ul, ol):not(:has(${LIST_BLOCKS}))), ${OUTSIDE}`;

/**
 * How many screens a block's lower-bound top must be below to be marked. Chromium draws a
 * `content-visibility: auto` block once it is within one and a half screens of the window (its
 * margin is 150 % of the viewport), and decides that after the first layout, in the same frame:
 * a block marked nearer than two and a half screens is laid out twice in that frame, and its fonts
 * looked up then.
 */
export const FAR_SCREENS = 2.5;

/** The property of `window` holding the script's last pass (`end`) and its removal of every mark (`unmark`). */
const FAR_KEY = '__dvFar';
type FarControls = {end: () => void; unmark: () => void};

/**
 * Removes every mark, through the inline script's own function (which also ends its passes). A page
 * the script marked nothing on (opened on an anchor, reloaded) has no such function and no marks.
 */
export function unmarkFarBlocks(): void {
  (window as unknown as Record<string, FarControls | undefined>)[FAR_KEY]?.unmark();
}

/**
 * The end of `<body>`: the last pass, in the parser's task, before a first frame that is still to
 * come (a pass in a frame's callback would add its work to that frame's task).
 */
export function farBlocksEndScript(): string {
  return `window.${FAR_KEY}&&window.${FAR_KEY}.end();`;
}

/**
 * The inline script. Estimates, per block, `lo` (lower bound, for the decision) and `h` (a likely
 * height, the placeholder's); `top` starts below the navbar (60 px on every screen). A line of text
 * is at least `f` px high and holds at most `w / (f * 0.40625)` characters (6.5 px a character at
 * 16 px) for a font of `f` px; a block counts its bottom margin only (the top one may collapse into
 * the block before it), the notes under a block none (their negative top margin takes back that block's);
 * small print (0.9rem) has lines of 14.4 px text.
 * `done` blocks of the document-ordered list are behind it; the parser only adds blocks after them.
 * The pass that ends the parse marks the pagination and the footer too when the article reached
 * far enough.
 */
export function farBlocksInlineScript(): string {
  return (
    `(function(){var d=document,l=location,n=performance.getEntriesByType?performance.getEntriesByType('navigation')[0]:null;` +
    `if(l.hash||(n&&n.type!=='navigate')||!matchMedia('(max-height:'+screen.height+'px)').matches)return;` +
    `var A='${FAR_ATTRIBUTE}',w=Math.min(Math.max(screen.width-32,240),860),far=Math.max(screen.height,600)*${FAR_SCREENS},top=60,done=0,stop=false;` +
    // lines of `t` characters at `f` px: at least (lo), likely (8 px a character at 16 px)
    `function L(t,f){return Math.max(1,Math.ceil(t*f*0.40625/w))}function H(t,f){return Math.max(1,Math.ceil(t*f*0.5/w))}` +
    `function mark(e,h){e.setAttribute(A,Math.max(0,Math.min(${FAR_HEIGHT_STEPS - 1},Math.round(Math.log(h/${FAR_HEIGHT_MIN})/${Math.log(FAR_HEIGHT_RATIO)}))))}` +
    `function pass(){if(stop)return;var hid=d.documentElement.getAttribute('data-dovecot')==='2.3'?'.dv-24':'.dv-23',` +
    `b=d.querySelectorAll(${JSON.stringify(BLOCKS)}),i,j,e,t,c,g,lo,h,f;` +
    `for(i=done;i<b.length;i++){e=b[i];if(e.matches(${JSON.stringify(CONTAINERS)})||e.closest(hid))continue;c=e.classList;` +
    `g=e.tagName;` +
    `if(g==='HEADER'){top+=L((e.textContent||'').length,32)*40+25;continue}` +
    `if(g==='UL'||g==='OL'){lo=h=20;for(j=0;j<e.children.length;j++){f=(e.children[j].textContent||'').length;lo+=L(f,16)*26;h+=H(f,16)*26+4}` +
    `if(top>far&&!e.querySelector(${JSON.stringify(LIST_BLOCKS)}))mark(e,h);top+=lo;continue}` +
    `if(!e.matches(${JSON.stringify(LEAVES)})){top+=+(e.getAttribute('${FAR_MIN_HEIGHT}')||0);continue}` +
    // a code block's lines are its code element's children (the text of all its tokens is not read)
    `if(c.contains('theme-code-block')){var q=e.querySelector('code'),k=(q&&q.childElementCount)||(e.textContent||'').split('\\n').length;lo=k*20+44;h=k*21+52}` +
    `else{t=(e.textContent||'').length;` +
    `if(c.contains('table-scroll')){var r=e.querySelectorAll('tr').length;lo=r*30;h=r*Math.max(42,26*Math.ceil(t*8/r/w))+20}` +
    `else if(c.contains('katex-display')){lo=26;h=60}` +
    `else if(/^H\\d/.test(g)){f={H2:24,H3:20,H4:16}[g]||12;lo=L(t,f)*f*1.25+20;h=H(t,f)*f*1.25+(f>16?60:40)}` +
    `else if(c.contains('explain-line')||c.contains('load-check-note')){lo=L(t,14.4)*23;h=H(t,14.4)*24+6}` +
    `else if(c.contains('dv-checked')){lo=L(t,14.4)*23+20;h=H(t,14.4)*24+20}` +
    `else{lo=L(t,16)*26+20;h=H(t,16)*26+20;if(c.contains('theme-admonition')){lo+=40;h+=40}}}` +
    `if(top>far)mark(e,h);top+=lo}done=b.length}` +
    `function end(){if(stop)return;pass();stop=true;if(top>far){var o=d.querySelectorAll(${JSON.stringify(OUTSIDE)}),m;for(m=0;m<o.length;m++)mark(o[m],o[m].tagName==='FOOTER'?400:120)}}` +
    `function frame(){if(!stop&&d.readyState==='loading'){pass();requestAnimationFrame(frame)}}requestAnimationFrame(frame);` +
    `d.addEventListener('DOMContentLoaded',end);` +
    `function u(){stop=true;var m=d.querySelectorAll('['+A+']'),j;for(j=0;j<m.length;j++)m[j].removeAttribute(A)}` +
    `window.${FAR_KEY}={end:end,unmark:u};` +
    `addEventListener('hashchange',u);addEventListener('popstate',u);addEventListener('beforeprint',u);` +
    `d.addEventListener('click',function(x){var a=x.target&&x.target.closest?x.target.closest('a[href*="#"]'):null;` +
    `if(a&&a.hash&&a.pathname===l.pathname)u()},true)})();`
  );
}
