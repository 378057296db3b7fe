/**
 * Long pages lay out only what the reader can reach at first. The troubleshooting page is about
 * 30 000 px tall on a phone; laying all of it out for the first paint is one task of 50-80 ms on
 * this machine, four times that on a slow phone. An inline script in `<head>` marks the article's
 * blocks that are certainly further down than one and a half screens with `data-dv-far`, and the
 * site's CSS gives those `content-visibility: auto` (src/css/custom.css): the browser lays each one
 * out once it comes near the screen, and until then gives it the height the script estimated.
 * The script marks blocks when the parser reaches the end of `<body>` (a second inline script
 * there), and, should the browser draw a frame before that, at the start of each such frame (a
 * frame's `requestAnimationFrame` callbacks run before its style and layout).
 *
 * "Certainly": the script cannot measure (that would be the layout it avoids), so it adds up a
 * lower bound of each block's height from its text and lines (a line of text at most 6.5 px a
 * character across the widest column, a code line at least 20 px, a list item 20 px, ...).
 * Blocks it does not know (widgets, formulas) count as nothing; the hidden version's blocks too;
 * a block still being parsed counts with what it has. So a block it marks is further down than
 * the bound says, and the first screen never waits for a block to be drawn.
 *
 * The screen's size stands for the window's: reading `innerWidth` or `innerHeight` on a phone lays
 * the page out (the viewport's scale depends on the content), a media query does not. A window is
 * not taller than its screen unless the page is zoomed out; then (the media query tells) nothing
 * is marked.
 *
 * Only blocks whose containment changes no box are marked (paragraphs, headings, code blocks,
 * tables in their scroll box, admonitions; tests/e2e/far-blocks.spec.ts compares every box of
 * every page with and without it). Nothing is marked when the page opens on an anchor, on reload
 * or on back/forward (the browser then scrolls to a place computed from real heights), and every
 * mark is removed before the page moves to an anchor of its own (a link to it clicked, the
 * address's anchor changed, a route change in the app: src/clientModules/farBlocksOnAnchor.ts),
 * so a jump lands where the real layout has the heading. Find in page and printing reach marked
 * blocks too.
 */

/** The attribute on a block laid out lazily; its estimated height is in `--dv-far` (px). */
export const FAR_ATTRIBUTE = 'data-dv-far';

/** The article's blocks in reading order: its children and those of its runs, version blocks and islands. */
const PARENTS = '.markdown, .markdown > :is(.static-run, .dv-block), .markdown > .dv-block > .static-run';
const CONTAINERS = '.static-run, .dv-block, .static-island';
const BLOCKS = `:is(${PARENTS}, :is(${PARENTS}) > div.static-island) > *`;
/** The blocks the script may mark, the leaves among them (their containment changes no box). */
const LEAVES = 'p, h2, h3, h4, h5, h6, .theme-code-block, .table-scroll, .theme-admonition';
export const FAR_CANDIDATES = `:is(${BLOCKS}):is(${LEAVES})`;

/**
 * How many screens a block's lower-bound top must be below to be marked. The browser draws a
 * `content-visibility: auto` block once it is within half a screen of the window, so a block one
 * and a half screens down is never needed for the first one.
 */
export const FAR_SCREENS = 1.5;

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
 * height, the placeholder's): text lines from the character count over the column width, code
 * lines from the line breaks, table rows, plus the block's margins. `done` blocks of the
 * document-ordered list are behind it; the parser only adds blocks after them.
 */
export function farBlocksInlineScript(): string {
  return (
    `(function(){var d=document,l=location,n=performance.getEntriesByType?performance.getEntriesByType('navigation')[0]:null;` +
    `if(l.hash||(n&&n.type!=='navigate')||!matchMedia('(max-height:'+screen.height+'px)').matches)return;` +
    `var A='${FAR_ATTRIBUTE}',w=Math.min(Math.max(screen.width-32,240),860),far=Math.max(screen.height,600)*${FAR_SCREENS},top=0,done=0,stop=false;` +
    `function pass(){if(stop)return;var hid=d.documentElement.getAttribute('data-dovecot')==='2.3'?'.dv-24':'.dv-23',` +
    `b=d.querySelectorAll(${JSON.stringify(BLOCKS)}),i,e,t,c,lo,h;` +
    `for(i=done;i<b.length;i++){e=b[i];if(e.matches(${JSON.stringify(CONTAINERS)})||e.closest(hid))continue;c=e.classList;` +
    `if(!e.matches(${JSON.stringify(LEAVES)})){top+=/^[UO]L$/.test(e.tagName)?e.children.length*20:0;continue}` +
    `t=e.textContent||'';` +
    `if(c.contains('theme-code-block')){var k=e.querySelectorAll('.token-line').length||t.split('\\n').length;lo=k*20+44;h=k*21+52}` +
    `else if(c.contains('table-scroll')){var r=e.querySelectorAll('tr').length;lo=r*30;h=r*Math.max(42,26*Math.ceil(t.length*8/r/w))+20}` +
    `else{var s=/^H/.test(e.tagName)?1.3:1;lo=Math.max(1,Math.ceil(t.length*6.5*s/w))*26*s+16;h=Math.max(1,Math.ceil(t.length*8*s/w))*26*s+20;` +
    `if(c.contains('theme-admonition')){lo+=40;h+=60}}` +
    `if(top>far){e.setAttribute(A,'');e.style.setProperty('--dv-far',Math.round(h)+'px')}top+=lo}done=b.length}` +
    `function end(){pass();stop=true}` +
    `function frame(){if(!stop&&d.readyState==='loading'){pass();requestAnimationFrame(frame)}}requestAnimationFrame(frame);` +
    `d.addEventListener('DOMContentLoaded',end);` +
    `function u(){stop=true;var m=d.querySelectorAll('['+A+']'),j;for(j=0;j<m.length;j++)m[j].removeAttribute(A)}` +
    `window.${FAR_KEY}={end:end,unmark:u};` +
    `addEventListener('hashchange',u);addEventListener('popstate',u);addEventListener('beforeprint',u);` +
    `d.addEventListener('click',function(x){var a=x.target&&x.target.closest?x.target.closest('a[href*="#"]'):null;` +
    `if(a&&a.hash&&a.pathname===l.pathname)u()},true)})();`
  );
}
