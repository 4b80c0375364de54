// Hearth in other languages: the main pages laid out right to left with nothing
// overlapping, and the interface in German for a browser that asks for it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertNoPageProblems,
  checkAccessibility,
  newContext,
  screenshot,
  sharedNetwork,
  signIn,
  useHearth,
} from './support/index.mjs';

const hearth = useHearth('languages');
const ready = sharedNetwork(hearth);

/**
 * Pairs of visible boxes that overlap although neither holds the other: text or
 * controls drawn over each other. Screen-reader-only text (1 px) does not count.
 */
async function overlaps(page) {
  return page.evaluate(() => {
    const selector = 'header a, header button, header span, main h1, main h2, main h3, main p, '
      + 'main a, main button, main label, main input, main textarea, main select, main li > span';
    // An inline link that wraps has one box per line: compare those, not the
    // rectangle around both lines.
    const boxes = [...document.querySelectorAll(selector)]
      .filter((element) => getComputedStyle(element).visibility !== 'hidden')
      .flatMap((element) => [...element.getClientRects()].map((rect) => ({ element, rect })))
      .filter(({ rect }) => rect.width > 2 && rect.height > 2);
    const found = [];
    for (let i = 0; i < boxes.length; i += 1) {
      for (let j = i + 1; j < boxes.length; j += 1) {
        const [a, b] = [boxes[i], boxes[j]];
        if (a.element === b.element) continue;
        if (a.element.contains(b.element) || b.element.contains(a.element)) continue;
        const x = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
        const y = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
        if (x > 2 && y > 2) {
          const name = (e) => `${e.tagName.toLowerCase()}.${e.className}“${e.textContent.trim().slice(0, 30)}”`;
          const pair = `${name(a.element)} × ${name(b.element)}`;
          if (!found.includes(pair)) found.push(pair);
        }
      }
    }
    const wider = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    if (wider > 1) found.push(`the page is ${wider}px wider than the window`);
    return found;
  });
}

const mainPages = ['/', '/communities', '/people', '/chat', '/notifications', '/settings', '/admin'];

for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  test(`the main pages lay out right to left without overlaps on a ${label}`, async (t) => {
    const admin = await ready();
    const context = await newContext(hearth.browser, hearth.server, { viewport });
    t.after(() => context.close());
    const page = await signIn(context, hearth.server, admin.email, admin.password);
    for (const path of mainPages) {
      await page.goto(path);
      const ltr = await overlaps(page);
      assert.deepEqual(ltr, [], `${path} left to right`);
      await page.evaluate(() => { document.documentElement.dir = 'rtl'; });
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'rtl');
      const rtl = await overlaps(page);
      assert.deepEqual(rtl, [], `${path} right to left`);
    }
    await screenshot(page, `rtl-admin-${label}`);
    assertNoPageProblems(context);
  });
}

test('a browser that asks for German gets the interface in German', async (t) => {
  const admin = await ready();
  const context = await newContext(hearth.browser, hearth.server, { locale: 'de-DE' });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto('/sign-in');
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  await page.locator('#email').fill(admin.email);
  await page.locator('#password').fill(admin.password);
  await page.locator('form[action="/sign-in"] button[type="submit"]').click();
  await page.waitForURL(/\/$/);
  const main = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await main.getByRole('link', { name: 'Start' }).waitFor();
  await page.getByRole('button', { name: 'Abmelden', exact: true }).waitFor();
  await screenshot(page, 'home-de');
  await checkAccessibility(page, 'home-de');

  // Saving Portuguese in settings wins over the browser's German.
  await page.goto('/settings');
  await page.locator('#language').selectOption('pt-BR');
  await page.locator('form[action="/settings/language"] button[type="submit"]').click();
  await page.waitForURL(/\/settings\?saved=language/);
  assert.equal(await page.getAttribute('html', 'lang'), 'pt-BR');
  await page.getByRole('button', { name: 'Sair', exact: true }).waitFor();
  await checkAccessibility(page, 'settings-pt-BR');
  await page.locator('#language').selectOption('');
  await page.locator('form[action="/settings/language"] button[type="submit"]').click();
  await page.waitForURL(/\/settings\?saved=language/);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assertNoPageProblems(context);
});
