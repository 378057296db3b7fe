/**
 * Docusaurus's page template with one change: the scripts are requested by a small loader at the
 * end of <body>, not by `<script defer>` tags in <head>, which the browser requests while it still
 * needs the connection for the HTML and CSS of the first paint. The page is complete without them
 * (server-rendered). The loader waits until the first contentful paint is on screen (its
 * paint-timing entry): one animation frame and a timeout, used before, could run before that
 * frame was presented, and Lighthouse's simulated LCP then counted the scripts (about 1.0 s or
 * 1.7 s from run to run). `load` may come before that paint (the scripts no longer hold it back), so
 * it is only the fallback: at once in a browser without paint timing, 3 s later in one with it (a tab
 * in the background paints nothing). They load async, in any order: each file is compiled off the
 * main thread and run in a task of its own as it arrives, and the bundler's runtime starts the
 * entry once all of them are in (see src/client/stagedEntry.ts). With them come the files of the
 * page's route, which the build lists in the loader's `data-chunks` (scripts/lib/routeChunks.ts),
 * each appended in a task of its own (creating a script element costs up to a millisecond): the
 * app then finds its route's code installed, where it used to request it only once started. A file
 * that fails to load leaves no element behind: the bundler's runtime reuses an element with the same
 * `src` and would wait for it (two minutes) instead of requesting the file again.
 * The loader's hash joins the CSP like every inline script (scripts/postbuild.ts).
 * The template is Docusaurus's own, read from @docusaurus/core, with the script tags swapped for
 * the loader: a Docusaurus upgrade that changes either part fails the build here.
 */
import upstream from '@docusaurus/core/lib/ssg/ssgTemplate.html';
import {farBlocksEndScript} from '../lib/farBlocks';

/** The loader's id: the build writes each page's route files into its `data-chunks` (scripts/lib/routeChunks.ts). */
export const LOADER_ID = 'dv-loader';

const DEFER_SCRIPTS = /\n\s*<% it\.scripts\.forEach\(\(script\) => \{ %>\s*<script src="<%= it\.baseUrl %><%= script %>" defer><\/script>\s*<% \}\); %>/;
const BODY_END = '\n  </body>';
const LOADER =
  `\n    <script id="${LOADER_ID}">(function(){var s=<%~ JSON.stringify(it.scripts.map(function(x){return it.baseUrl + x;})) %>;` +
  `var c=document.currentScript,r=((c&&c.getAttribute('data-chunks'))||'').split(' ').filter(Boolean);` +
  `function add(u){var e=document.createElement('script');e.src=u;e.addEventListener('error',function(){e.parentNode&&e.parentNode.removeChild(e);});document.head.appendChild(e);}` +
  `var done=false;function go(){if(done)return;done=true;s.forEach(add);r.forEach(function(u){setTimeout(function(){add(u);},0);});}` +
  `var paint=false;try{paint=PerformanceObserver.supportedEntryTypes.indexOf('paint')>=0;` +
  `new PerformanceObserver(function(l){if(l.getEntriesByName('first-contentful-paint').length)setTimeout(go,0);}).observe({type:'paint',buffered:true});}catch(e){}` +
  `addEventListener('load',function(){setTimeout(go,paint?3000:0);});})();</script>`;

function withLoader(template: string): string {
  if (!DEFER_SCRIPTS.test(template) || !template.includes(BODY_END)) {
    throw new Error('src/html/ssrTemplate.ts: Docusaurus\'s page template no longer has the script tags or </body> this replaces');
  }
  return template.replace(DEFER_SCRIPTS, '').replace(BODY_END, `\n    <script>${farBlocksEndScript()}</script>${LOADER}${BODY_END}`);
}

export const ssrTemplate = withLoader(upstream);
