// Search in a real browser: the header's field (and "/" to reach it), the results
// page with its highlighted snippets and tabs, and the same on a phone and in the
// dark. The tests share one server and run in order.

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

const hearth = useHearth('search');
const bea = { email: 'bea@example.com', name: 'Bea Costa', password: 'another long phrase' };
const ready = sharedNetwork(hearth, {
  people: [bea],
  afterSetUp: async (page) => {
    for (const body of [
      'The VPN gateway moves to a new address on Friday #network',
      'Lunch in the canteen is at noon',
    ]) {
      await page.getByLabel('Write a post').fill(body);
      await page.getByRole('button', { name: 'Post', exact: true }).click();
      await page.locator('article.post').filter({ hasText: body.slice(0, 20) }).waitFor();
    }
  },
});
let admin;

test('the header field finds a post, highlights the match and leads to it', async (t) => {
  admin = await ready();
  const context = await newContext(hearth.browser, hearth.server);
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, bea.email, bea.password);

  // "/" reaches the field from anywhere on the page but a text field.
  await page.locator('main').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  const field = page.getByRole('searchbox', { name: 'Search' });
  assert.equal(await field.evaluate((el) => el === document.activeElement), true);
  await page.keyboard.type('vpn gate*');
  await page.keyboard.press('Enter');

  await page.getByRole('heading', { name: 'Search', level: 1 }).waitFor();
  const hit = page.locator('.search-hit').filter({ hasText: 'gateway moves' });
  await hit.waitFor();
  assert.deepEqual(await hit.locator('mark').allTextContents(), ['VPN', 'gateway']);
  assert.equal(await page.locator('.search-hit').filter({ hasText: 'canteen' }).count(), 0);
  await screenshot(page, 'search');
  await checkAccessibility(page, 'search');

  const tabs = page.getByRole('navigation', { name: 'Kinds of result' });
  await tabs.getByRole('link', { name: 'Posts' }).click();
  await page.waitForURL(/type=posts/);
  assert.equal(await tabs.getByRole('link', { name: 'Posts' }).getAttribute('aria-current'), 'page');

  await page.locator('.search-hit a.hit-title').first().click();
  await page.locator('article.post').filter({ hasText: 'gateway moves' }).waitFor();
  assertNoPageProblems(context);
});

test('a refused search says why, and a search that finds nothing says where to look', async (t) => {
  admin = await ready();
  const context = await newContext(hearth.browser, hearth.server);
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, bea.email, bea.password);

  await page.goto('/search?q=-vpn');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /besides the words to leave out/);
  assert.equal(await page.getByRole('searchbox', { name: 'Search' }).getAttribute('aria-invalid'), 'true');
  await checkAccessibility(page, 'search-refused');

  await page.goto('/search?q=xylophone&type=people');
  await page.getByText('Nothing found for xylophone').waitFor();
  await screenshot(page, 'search-nothing');
  await checkAccessibility(page, 'search-nothing');
  assertNoPageProblems(context);
});

test('search reads well on a phone and in the dark', async (t) => {
  admin = await ready();
  for (const [label, options] of [
    ['phone', { viewport: { width: 360, height: 740 } }],
    ['dark', { colorScheme: 'dark' }],
  ]) {
    const context = await newContext(hearth.browser, hearth.server, options);
    t.after(() => context.close());
    const page = await signIn(context, hearth.server, admin.email, admin.password);
    await page.getByRole('searchbox', { name: 'Search' }).fill('canteen');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await page.locator('.search-hit mark').first().waitFor();
    await screenshot(page, `search-${label}`);
    await checkAccessibility(page, `search-${label}`);
    if (label === 'phone') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 360 px screen`);
    }
    assertNoPageProblems(context);
  }
});
