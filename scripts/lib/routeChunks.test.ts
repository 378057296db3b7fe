import {describe, expect, it} from 'vitest';
import {chunkFiles, chunkNames, docusaurusMatchRoutes, matchBranch, pageFileCandidates, routeScripts, routeTree, withRouteChunks, type ClientManifest} from './routeChunks';

const matchRoutes = docusaurusMatchRoutes();

// the shape Docusaurus 3 generates in .docusaurus/routes.js: plugin routes, a docs tree nested
// three levels under '/', and the catch-all last
const ROUTES_JS = `import React from 'react';
import ComponentCreator from '@docusaurus/ComponentCreator';

export default [
  {
    path: '/blog',
    component: ComponentCreator('/blog', '21a'),
    exact: true
  },
  {
    path: '/calculator',
    component: ComponentCreator('/calculator', 'a41'),
    exact: true
  },
  {
    path: '/',
    component: ComponentCreator('/', 'e5f'),
    exact: true
  },
  {
    path: '/',
    component: ComponentCreator('/', '179'),
    routes: [
      {
        path: '/',
        component: ComponentCreator('/', '239'),
        routes: [
          {
            path: '/services/client-limit',
            component: ComponentCreator('/services/client-limit', '463'),
            exact: true
          },
          {
            path: '/services',
            component: ComponentCreator('/services', '0aa'),
            exact: true
          }
        ]
      }
    ]
  },
  {
    path: '*',
    component: ComponentCreator('*'),
  },
];
`;

const CHUNK_NAMES = {
  '/blog-21a': {__comp: 'a6aa9e1f', __context: {plugin: '36994c47'}, items: [{content: '83bd9748'}, {content: '1964bc6a'}]},
  '/calculator-a41': {__comp: 'ab189545'},
  '/-e5f': {__comp: '1df93b7f'},
  '/-179': {__comp: '5e95c892', __context: {plugin: 'aba21aa0'}},
  '/-239': {__comp: 'a7bd4aaa', __props: 'a94703ab'},
  '/services/client-limit-463': {__comp: '17896441', content: '41ed4909'},
  '/services-0aa': {__comp: '17896441', content: '0f44eb8c'},
};

// origins: chunk name → ids of the chunks its group loads; assets: id → files
const js = (name: string) => ({js: [{file: `assets/js/${name}.js`, publicPath: `/assets/js/${name}.js`}]});
const MANIFEST: ClientManifest = {
  entrypoints: ['main'],
  origins: {
    main: ['1', '2', '3'],
    ab189545: ['2', '10', '11'],
    '17896441': ['2', '20', '21'],
    '41ed4909': ['30'],
    '5e95c892': ['40'],
    a7bd4aaa: ['41'],
    a94703ab: ['42'],
    aba21aa0: ['43'],
  },
  assets: {
    '1': js('runtime~main.aaaa'),
    '2': js('3358.bbbb'),
    '3': js('main.cccc'),
    '10': js('ab189545.dddd'),
    '11': js('dovecot-engine.eeee'),
    '20': js('17896441.ffff'),
    '21': js('831.abab'),
    '30': js('41ed4909.cdcd'),
    '40': js('5e95c892.efef'),
    '41': js('a7bd4aaa.1234'),
    '42': js('a94703ab.5678'),
    '43': js('aba21aa0.9abc'),
  },
};

describe('routeTree and matchBranch', () => {
  const tree = routeTree(ROUTES_JS);

  it('reads the generated module, each route keyed as routesChunkNames keys it', () => {
    expect(tree.map((r) => r.key)).toEqual(['/blog-21a', '/calculator-a41', '/-e5f', '/-179', '*']);
    expect(tree[3].routes?.[0].routes?.map((r) => r.path)).toEqual(['/services/client-limit', '/services']);
  });

  it('matches with the client\'s matchRoutes: the first route per level, exact routes exactly, the others as prefixes', () => {
    const keys = (p: string) => matchBranch(tree, p, matchRoutes).map((r) => r.key);
    expect(keys('/services/client-limit')).toEqual(['/-179', '/-239', '/services/client-limit-463']);
    expect(keys('/services')).toEqual(['/-179', '/-239', '/services-0aa']);
    // the home page's exact route comes before the docs tree's '/'
    expect(keys('/')).toEqual(['/-e5f']);
    expect(keys('/calculator')).toEqual(['/calculator-a41']);
    // react-router matches without regard to case, and an encoded path in its decoded form too
    expect(keys('/Calculator')).toEqual(['/calculator-a41']);
    // /blog is exact: /blog/x falls through to the docs tree, which has no such page
    expect(keys('/blog/x')).toEqual(['/-179', '/-239']);
  });

  it('tries the decoded path when the path as written matches nothing', () => {
    const only = routeTree(`export default [
  {
    path: '/caf\u00e9',
    component: ComponentCreator('/caf\u00e9', 'c1f'),
    exact: true
  },
];
`);
    expect(matchBranch(only, '/caf%C3%A9', matchRoutes).map((r) => r.key)).toEqual(['/caf\u00e9-c1f']);
    expect(matchBranch(only, '/tea', matchRoutes)).toEqual([]);
  });

  it('refuses a file that is not the generated module', () => {
    expect(() => routeTree('module.exports = []')).toThrow(/not the module shape/);
  });
});

describe('chunkNames and chunkFiles', () => {
  it('collects every chunk name of a route, however nested', () => {
    expect(chunkNames(CHUNK_NAMES['/blog-21a']).sort()).toEqual(['1964bc6a', '36994c47', '83bd9748', 'a6aa9e1f']);
    expect(chunkNames(undefined)).toEqual([]);
  });

  it('gives the files of each named chunk\'s group, without those the entry loads, once each', () => {
    expect(chunkFiles(MANIFEST, ['ab189545', '17896441'])).toEqual([
      '/assets/js/17896441.ffff.js',
      '/assets/js/831.abab.js',
      '/assets/js/ab189545.dddd.js',
      '/assets/js/dovecot-engine.eeee.js',
    ]);
    expect(chunkFiles(MANIFEST, ['no-such-chunk'])).toEqual([]);
  });

  it('puts the two together for a page', () => {
    const tree = routeTree(ROUTES_JS);
    expect(routeScripts(tree, CHUNK_NAMES, MANIFEST, '/services/client-limit', matchRoutes)).toEqual([
      '/assets/js/17896441.ffff.js',
      '/assets/js/41ed4909.cdcd.js',
      '/assets/js/5e95c892.efef.js',
      '/assets/js/831.abab.js',
      '/assets/js/a7bd4aaa.1234.js',
      '/assets/js/a94703ab.5678.js',
      '/assets/js/aba21aa0.9abc.js',
    ]);
  });
});

describe('pageFileCandidates and withRouteChunks', () => {
  it('gives the files a route\'s page may be written to, most likely first', () => {
    expect(pageFileCandidates('/', '/')).toEqual(['index.html']);
    expect(pageFileCandidates('/troubleshooting', '/')).toEqual(['troubleshooting.html', 'troubleshooting/index.html']);
    expect(pageFileCandidates('/services/client-limit/', '/')).toEqual(['services/client-limit.html', 'services/client-limit/index.html']);
    expect(pageFileCandidates('/404.html', '/')).toEqual(['404.html']);
    expect(pageFileCandidates('/docs/blog', '/docs/')).toEqual(['blog.html', 'blog/index.html']);
    expect(pageFileCandidates('/docs/', '/docs/')).toEqual(['index.html']);
  });

  it('writes the list into the loader, again on a page written before, and refuses a page without it', () => {
    const page = '<p>x</p><script id=dv-loader>!function(){}()</script>';
    const once = withRouteChunks(page, 'dv-loader', ['/assets/js/a.1.js', '/assets/js/b.2.js']);
    expect(once).toBe('<p>x</p><script id=dv-loader data-chunks="/assets/js/a.1.js /assets/js/b.2.js">!function(){}()</script>');
    expect(withRouteChunks(once, 'dv-loader', ['/assets/js/c.3.js'])).toBe('<p>x</p><script id=dv-loader data-chunks="/assets/js/c.3.js">!function(){}()</script>');
    expect(withRouteChunks('<script id="dv-loader">x</script>', 'dv-loader', [])).toBe('<script id=dv-loader data-chunks="">x</script>');
    expect(() => withRouteChunks('<script>x</script>', 'dv-loader', [])).toThrow(/no <script id=dv-loader>/);
    expect(() => withRouteChunks(page, 'dv-loader', ['/a.js" onload="x'])).toThrow(/unexpected characters/);
  });
});
