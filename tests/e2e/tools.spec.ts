// The tools are one step away: a Tools menu in the navbar (desktop and phone), three task entries
// above the fold on the landing page, every docs example linked into its widget in the example's
// own state (checked against the example itself), and "Explain my line" under every message the
// troubleshooting page quotes, carrying exactly that message.
import {inflateRawSync} from 'node:zlib';
import {expect, test, type Page} from '@playwright/test';
import {parseConfig, type SectionNode} from '../../src/lib/dovecot/conf';
import {generate} from '../../src/lib/dovecot/generator';
import {LOAD_FIELDS, SETTING_FIELDS, decodeQuery as decodeCalculator, defaultState, settingLabel} from '../../src/components/ServiceCalculator/state';
import {GENERATOR_SCHEMA, decodeQuery as decodeGenerator, formFromState, inputFor} from '../../src/components/ConfigGenerator/state';
import {defaultsOf} from '../../src/lib/dovecot/permalink';
import {sitemapPaths} from './helpers';

const TOOLS = [
  {name: 'Explainer: a log line or config', path: '/explain'},
  {name: 'Config generator', path: '/generator'},
  {name: 'Service calculator', path: '/calculator'},
];

test('desktop: the navbar\'s Tools menu leads to the three widgets', async ({page}) => {
  await page.goto('/services');
  const nav = page.getByRole('navigation', {name: 'Main'});
  await nav.getByRole('button', {name: 'Tools'}).hover();
  for (const t of TOOLS) {
    const link = nav.getByRole('link', {name: t.name});
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute('href', t.path);
  }
  await nav.getByRole('link', {name: 'Config generator'}).click();
  await expect(page).toHaveURL(/\/generator$/);
});

test.describe('phone', () => {
  test.use({viewport: {width: 390, height: 844}, isMobile: true, hasTouch: true});

  for (const path of ['/', '/services']) {
    test(`the menu on ${path} has Tools with the three widgets`, async ({page}) => {
      await page.goto(path);
      await page.getByRole('button', {name: 'Toggle navigation bar'}).tap();
      const menu = page.locator('.navbar-sidebar');
      // a docs page opens its menu at the wiki's contents, one tap from the main menu
      const back = menu.getByRole('button', {name: '← Back to main menu'});
      if (path !== '/') await back.tap();
      await menu.getByRole('button', {name: 'Tools'}).tap();
      for (const t of TOOLS) await expect(menu.getByRole('link', {name: t.name})).toHaveAttribute('href', t.path);
      await menu.getByRole('link', {name: 'Explainer: a log line or config'}).tap();
      await expect(page).toHaveURL(/\/explain$/);
    });
  }
});

const TASKS = [
  {name: 'I have a log line or a config', path: '/explain'},
  {name: 'Give me a config', path: '/generator'},
  {name: 'What does this setting do?', path: '/calculator'},
];

for (const [device, viewport] of [['desktop', {width: 1280, height: 720}], ['390 px phone', {width: 390, height: 844}]] as const) {
  test(`${device}: the landing page shows the three task entries above the fold`, async ({browser, baseURL}) => {
    const context = await browser.newContext({baseURL, viewport, isMobile: device !== 'desktop', hasTouch: device !== 'desktop'});
    const page = await context.newPage();
    await page.goto('/');
    const tasks = page.getByRole('navigation', {name: 'Start with a task'});
    for (const t of TASKS) {
      const link = tasks.getByRole('link', {name: t.name});
      await expect(link).toHaveAttribute('href', t.path);
      await expect(link).toBeInViewport({ratio: 1});
      // the whole entry, with its sentence, is above the fold
      const box = await tasks.getByRole('listitem').filter({hasText: t.name}).boundingBox();
      expect(box && box.y + box.height, `${t.name} ends above ${viewport.height}px`).toBeLessThanOrEqual(viewport.height);
    }
    await context.close();
  });
}

type ToolLink = {page: string; tool: string; version: string; href: string; expect: string | null; block: string | null; section: string};

/** Every docs link into a widget, with its section's text and the last Dovecot block before it in that section and version. */
async function toolLinks(page: Page, path: string): Promise<ToolLink[]> {
  await page.goto(path);
  return page.evaluate((pagePath) => {
    const article = document.querySelector('article');
    if (!article) return [];
    const all = [...article.querySelectorAll('h2, h3, pre.language-dovecot, a[data-tool]')];
    return all
      .filter((el) => el.matches('a[data-tool]'))
      .map((a) => {
        const version = a.getAttribute('data-version') ?? '';
        const i = all.indexOf(a);
        let start = i;
        while (start > 0 && !all[start - 1].matches('h2, h3')) start--;
        const heading = all[start - 1];
        let end = i;
        while (end < all.length && !all[end].matches('h2, h3')) end++;
        const other = version === '2.3' ? '.dv-24' : '.dv-23';
        const blocks = all.slice(start, i).filter((el) => el.matches('pre') && !el.closest(other));
        const last = blocks[blocks.length - 1];
        const range = document.createRange();
        if (heading) range.setStartAfter(heading);
        else range.setStartBefore(article.firstChild as Node);
        if (end < all.length) range.setEndBefore(all[end]);
        else range.setEndAfter(article.lastChild as Node);
        return {
          page: pagePath,
          tool: a.getAttribute('data-tool') ?? '',
          version,
          href: a.getAttribute('href') ?? '',
          expect: a.getAttribute('data-expect'),
          block: last ? [...last.querySelectorAll('.token-line')].map((l) => l.textContent ?? '').join('\n') : null,
          section: range.toString(),
        };
      });
  }, path);
}

/** Whether the section's text states `n` (as 3000, 3 000 or 3,000). */
function states(section: string, n: number): boolean {
  const digits = String(n);
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return [digits, grouped, grouped.replace(/ /g, ','), grouped.replace(/ /g, '\u202f'), grouped.replace(/ /g, '\u00a0')].some((s) => new RegExp(`(^|[^\\d.])${s}([^\\d]|$)`).test(section));
}

test('every docs link into a widget opens it in the state of the example it stands by', async ({page}) => {
  test.setTimeout(120_000);
  const links: ToolLink[] = [];
  for (const path of sitemapPaths()) links.push(...(await toolLinks(page, path)));
  const calculators = links.filter((l) => l.tool === 'calculator');
  expect(calculators.length).toBeGreaterThan(10);
  expect(links.filter((l) => l.tool === 'generator').length).toBeGreaterThan(0);
  const defaults = defaultState();
  const problems: string[] = [];
  for (const l of links) {
    const where = `${l.page} ${l.href}`;
    if (l.tool === 'calculator') {
      const d = decodeCalculator(new URL(l.href, 'http://x').search);
      if (d.notices.length) problems.push(`${where}: ${d.notices.join('; ')}`);
      if (d.state.version !== l.version) problems.push(`${where}: version ${d.state.version}, shown under ${l.version}`);
      // the settings are exactly those of the service's block in the example before the link
      if (l.block === null) {
        problems.push(`${where}: no Dovecot example block before it in its section`);
        continue;
      }
      const tree = parseConfig(l.block).tree;
      const service = tree.children.find((n): n is SectionNode => n.kind === 'section' && n.type === 'service' && n.name === d.state.service);
      if (!service) {
        problems.push(`${where}: the example has no service ${d.state.service} block`);
        continue;
      }
      const version = d.state.version === '2.3' ? '2.3' : '2.4';
      for (const k of SETTING_FIELDS) {
        const written = service.children.find((c) => c.kind === 'setting' && c.key === settingLabel(version, k));
        const inBlock = written && written.kind === 'setting' ? written.value : '';
        if (d.state[k] !== inBlock) problems.push(`${where}: ${settingLabel(version, k)} is ${JSON.stringify(d.state[k])} in the link, ${JSON.stringify(inBlock)} in the example`);
      }
      for (const k of LOAD_FIELDS) {
        if (d.state[k] !== defaults[k] && !states(l.section, d.state[k])) problems.push(`${where}: ${k} ${d.state[k]} is not stated in its section`);
      }
    } else {
      const d = decodeGenerator(new URL(l.href, 'http://x').search);
      if (d.notices.length) problems.push(`${where}: ${d.notices.join('; ')}`);
      const gd = defaultsOf(GENERATOR_SCHEMA) as Record<string, unknown>;
      for (const [k, v] of Object.entries(d.state)) {
        if (typeof v === 'number' && v !== gd[k] && !states(l.section, v)) problems.push(`${where}: ${k} ${v} is not stated in its section`);
      }
      const out = generate(inputFor(formFromState(d.state)).input).text;
      for (const line of (l.expect ?? '').split(';').map((x) => x.trim()).filter(Boolean)) {
        if (!l.section.includes(line)) problems.push(`${where}: the page does not say ${line}`);
        if (!out.split('\n').some((o) => o.replace(/\s+#.*$/, '').trim() === line)) problems.push(`${where}: the generator does not write ${line}`);
      }
    }
  }
  expect(problems).toEqual([]);
});

test('"Explain my line" under every message on /troubleshooting carries exactly that message into the explainer', async ({page}) => {
  await page.goto('/troubleshooting');
  const blocks = await page.evaluate(() =>
    [...document.querySelectorAll('article pre.language-text')].map((pre) => {
      const container = pre.closest('.theme-code-block')?.parentElement;
      const link = pre.closest('.theme-code-block')?.nextElementSibling?.querySelector('a[data-explain-line]');
      return {
        text: [...pre.querySelectorAll('.token-line')].map((l) => l.textContent ?? '').join('\n').trim(),
        version: pre.closest('.dv-23') ? '2.3' : pre.closest('.dv-24') ? '2.4' : null,
        href: link?.getAttribute('href') ?? null,
        container: container?.tagName ?? '',
      };
    }),
  );
  expect(blocks.length).toBeGreaterThan(30);
  for (const b of blocks) {
    expect(b.href, `a link after: ${b.text}`).not.toBeNull();
    const fragment = new URLSearchParams(new URL(String(b.href), 'http://x').hash.slice(1));
    expect(inflateRawSync(Buffer.from(String(fragment.get('z')), 'base64url')).toString('utf8'), b.text).toBe(b.text);
    expect(fragment.get('v'), b.text).toBe(b.version);
  }

  // one of them, followed: the explainer opens with the message and explains it
  const first = page.locator('#process-limit-reached ~ div a[data-explain-line]').first();
  await first.click();
  await expect(page).toHaveURL(/\/explain#z=/);
  const input = page.getByRole('textbox', {name: 'Configuration or log lines'});
  await expect(input).toHaveValue('master: Warning: service(imap-login): process_limit (100) reached, client connections are being dropped');
  await expect(page.locator('html')).not.toHaveAttribute('data-link-state', /.*/);
  // its analysis names the message and links back to the entry the link came from
  await expect(page.locator('#analysis')).toBeVisible();
  await expect(page.locator('a[href="/troubleshooting#process-limit-reached"]').first()).toBeVisible();
});
