// Hearth in other languages: the main pages laid out right to left with nothing
// overlapping, the interface in German for a browser that asks for it, and the main
// flows (posting, liking, replying, the live new-post banner, chat with typing) in
// German, where the page script's words come from the catalogue too.

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
const bea = { email: 'bea@example.com', name: 'Bea Costa', password: 'another long phrase' };
const ready = sharedNetwork(hearth, { people: [bea] });

/** Signs in through a German browser and waits for the German home page. */
async function signInGerman(context, person) {
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('E-Mail-Adresse').fill(person.email);
  await page.getByLabel('Passwort', { exact: true }).fill(person.password);
  await page.locator('form[action="/sign-in"] button[type="submit"]').click();
  await page.waitForURL(/\/$/);
  await page.getByRole('navigation', { name: 'Konto' }).getByRole('button', { name: 'Abmelden', exact: true }).waitFor();
  return page;
}

function postCard(page, text) {
  return page.locator('article.post').filter({ hasText: text }).first();
}

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
      // What a closed <details> holds is not shown (the composer's "Add a poll").
      .filter((element) => !element.closest('details:not([open]) > :not(summary)'))
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
  await page.getByRole('navigation', { name: 'Conta' }).getByRole('button', { name: 'Sair', exact: true }).waitFor();
  await checkAccessibility(page, 'settings-pt-BR');
  await page.locator('#language').selectOption('');
  await page.locator('form[action="/settings/language"] button[type="submit"]').click();
  await page.waitForURL(/\/settings\?saved=language/);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assertNoPageProblems(context);
});

test('the main flows work in German: post, like, reply, a live banner and chat', async (t) => {
  const admin = await ready();
  const adminContext = await newContext(hearth.browser, hearth.server, { locale: 'de-DE' });
  const beaContext = await newContext(hearth.browser, hearth.server, { locale: 'de-DE' });
  t.after(() => Promise.all([adminContext.close(), beaContext.close()]));
  const ana = await signInGerman(adminContext, admin);
  const other = await signInGerman(beaContext, bea);

  await ana.getByLabel('Beitrag schreiben').fill('Willkommen im neuen Netzwerk');
  await ana.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
  const post = postCard(ana, 'Willkommen im neuen Netzwerk');
  await post.waitFor();
  await post.getByRole('button', { name: /Gefällt mir/ }).click();
  await postCard(ana, 'Willkommen').locator('button[aria-pressed="true"]', { hasText: 'Gefällt mir' }).waitFor();

  // The banner's words are the script's, with German plurals.
  await other.getByRole('link', { name: '1 neuer Beitrag' }).waitFor({ timeout: 30_000 });

  await postCard(ana, 'Willkommen').getByRole('link', { name: /^Antworten/ }).click();
  await ana.waitForURL(/\/posts\/\d+/);
  await ana.getByLabel('Ihre Antwort').first().fill('Schön, dass ihr da seid');
  await ana.getByRole('button', { name: 'Antworten', exact: true }).first().click();
  await postCard(ana, 'Schön, dass ihr da seid').waitFor();
  await checkAccessibility(ana, 'thread-de');

  // Bea writes to Ana from her profile; Ana sees her typing, in German.
  await other.getByRole('link', { name: 'Personen', exact: true }).click();
  await other.locator('main').getByRole('link', { name: admin.name }).click();
  await other.getByRole('button', { name: 'Nachricht', exact: true }).click();
  await other.waitForURL(/\/chat\/\d+$/);
  const conversation = new URL(other.url()).pathname;
  await ana.goto(conversation);
  const typing = ana.getByText(`${bea.name} schreibt…`);
  for (let attempt = 0; ; attempt += 1) {
    await other.getByRole('combobox', { name: 'Nachricht', exact: true }).pressSequentially('Hal', { delay: 20 });
    try {
      await typing.waitFor({ timeout: 4_000 });
      break;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
  await other.getByRole('combobox', { name: 'Nachricht', exact: true }).fill('Hallo Ana, bis morgen');
  await other.getByRole('button', { name: 'Senden', exact: true }).click();
  await ana.locator('ol.messages > li.message').filter({ hasText: 'Hallo Ana, bis morgen' }).waitFor();
  await screenshot(ana, 'chat-de');
  await checkAccessibility(ana, 'chat-de');
  assertNoPageProblems(adminContext);
  assertNoPageProblems(beaContext);
});
