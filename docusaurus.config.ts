import {existsSync, readdirSync} from 'node:fs';
import type {Config} from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeKatexScroll from './plugins/rehype-katex-scroll';
import remarkLoadRuns from './plugins/remark-load-runs';
import rehypeMathLineBreaks from './plugins/rehype-math-line-breaks';
import rehypeStaticRuns from './plugins/rehype-static-runs';
import headScriptsPlugin from './plugins/head-scripts';
import dovecotChunksPlugin from './plugins/dovecot-chunks';
import stagedEntryPlugin from './plugins/staged-entry';
import compileHintsPlugin from './plugins/compile-hints';
import codeHighlightingPlugin from './plugins/code-highlighting';
import logMessagesPlugin, {TROUBLESHOOTING_MDX} from './plugins/log-messages';
import searchLogLinesPlugin from './plugins/search-log-lines';
import routeChunksPlugin from './plugins/route-chunks';
import remarkExplainLinks from './plugins/remark-explain-links';
import {darkCodeTheme, lightCodeTheme} from './plugins/prism-themes';
import {siteUrlFrom} from './src/lib/siteUrl';
import {ssrTemplate} from './src/html/ssrTemplate';
import {NAVBAR_PARSED_ID} from './src/lib/navbarMarker';

// Runs in Node.js at build time only.

// Formulas are KaTeX's MathML output, which the browser typesets itself: no stylesheet, no fonts,
// and a fraction of the elements of KaTeX's HTML to hydrate.
const math = {remarkPlugins: [remarkMath], rehypePlugins: [[rehypeKatex, {output: 'mathml'}], rehypeKatexScroll, rehypeMathLineBreaks]};
// Wiki pages and posts: also the load-check note under each block with a `load="…"` marker.
// Their text keeps its server markup instead of being hydrated (plugins/rehype-static-runs.ts).
const wiki = {...math, remarkPlugins: [...math.remarkPlugins, remarkLoadRuns], rehypePlugins: [...math.rehypePlugins, rehypeStaticRuns]};

// The blog (and its navbar entry) exists once it has a post.
const hasBlogPosts =
  existsSync('blog') && readdirSync('blog', {recursive: true}).some((f) => /\.mdx?$/.test(String(f)));

const blog = {
  showReadingTime: true,
  feedOptions: {type: ['rss', 'atom'], xslt: false},
  onInlineTags: 'throw',
  onInlineAuthors: 'throw',
  onUntruncatedBlogPosts: 'throw',
  ...wiki,
} satisfies Preset.Options['blog'];

const config: Config = {
  title: 'Dovecot Services Wiki',
  tagline:
    'How Dovecot runs its processes: service_count, client_limit, process_limit and login processes, explained for 2.3 and 2.4, with calculators and a config generator.',
  favicon: 'img/favicon.svg',
  // SITE_URL (see README): the sitemap, canonical links and widget links in the static HTML.
  url: siteUrlFrom(process.env.SITE_URL),
  baseUrl: '/',
  trailingSlash: false,

  future: {v4: true},
  // first paint waits for the whole navbar (src/theme/Navbar): no half-parsed navbar that then shifts
  headTags: [{tagName: 'link', attributes: {rel: 'expect', href: `#${NAVBAR_PARSED_ID}`, blocking: 'render'}}],
  // scripts are requested after the first paint (src/html/ssrTemplate.ts)
  ssrTemplate,

  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  markdown: {
    // Explicit heading ids are written `## Title {#id}`: every heading's anchor is permanent.
    mdx1Compat: {comments: true, admonitions: true, headingIds: true},
    hooks: {onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw'},
  },

  i18n: {defaultLocale: 'en', locales: ['en']},

  presets: [
    [
      'classic',
      {
        docs: {
          routeBasePath: '/',
          sidebarPath: './sidebars.ts',
          ...wiki,
          // "Explain my line" under every message /troubleshooting quotes
          remarkPlugins: [...wiki.remarkPlugins, [remarkExplainLinks, {files: [TROUBLESHOOTING_MDX]}]],
        },
        blog: hasBlogPosts ? blog : false,
        pages: {...math},
        theme: {customCss: ['./src/css/custom.css', './src/css/farHeights.generated.css']},
        sitemap: {changefreq: 'weekly', priority: 0.5},
      } satisfies Preset.Options,
    ],
  ],

  // imported, like every client module, before the router exists: it never sees an address it cannot decode
  clientModules: ['./src/clientModules/malformedUriGuard.ts', './src/clientModules/noViewportPrefetchOnPhones.ts', './src/clientModules/versionInUrl.ts', './src/clientModules/farBlocksOnAnchor.ts'],

  plugins: [headScriptsPlugin, stagedEntryPlugin, dovecotChunksPlugin, compileHintsPlugin, codeHighlightingPlugin, logMessagesPlugin, searchLogLinesPlugin, routeChunksPlugin],

  themes: [
    [
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        indexDocs: true,
        indexBlog: hasBlogPosts,
        indexPages: true,
        docsRouteBasePath: '/',
        highlightSearchTermsOnTargetPage: false,
        searchResultLimits: 8,
        explicitSearchResultPath: true,
      },
    ],
  ],

  themeConfig: {
    colorMode: {respectPrefersColorScheme: true},
    navbar: {
      title: 'Dovecot Services',
      logo: {alt: '', src: 'img/favicon.svg'},
      items: [
        {type: 'docSidebar', sidebarId: 'wiki', position: 'left', label: 'Wiki'},
        {
          type: 'dropdown',
          label: 'Tools',
          position: 'left',
          items: [
            {to: '/explain', label: 'Explainer: a log line or config'},
            {to: '/generator', label: 'Config generator'},
            {to: '/calculator', label: 'Service calculator'},
          ],
        },
        ...(hasBlogPosts ? [{to: '/blog', label: 'Blog', position: 'left' as const}] : []),
        {type: 'custom-dovecotVersion', position: 'right'},
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: 'Wiki',
          items: [{label: 'Services', to: '/services'}],
        },
        {
          title: 'Dovecot',
          items: [
            {label: 'Service configuration (2.4)', href: 'https://doc.dovecot.org/main/core/config/service.html'},
            {label: 'Service configuration (2.3)', href: 'https://doc.dovecot.org/2.3/configuration_manual/service_configuration/'},
            {label: 'The 2012 message', href: 'https://dovecot.org/pipermail/dovecot/2012-June/083980.html'},
          ],
        },
      ],
      copyright:
        'An independent guide to Dovecot, not affiliated with the Dovecot project. Facts checked against Dovecot 2.3.19.1 and 2.4.1.',
    },
    prism: {
      theme: lightCodeTheme,
      darkTheme: darkCodeTheme,
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
