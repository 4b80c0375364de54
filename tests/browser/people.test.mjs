// People, topics and settings in a real browser, and the main pages on a 360 px phone
// and in the dark colour scheme. The tests share one server and run in order.

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

const hearth = useHearth('people');
const bea = { email: 'bea@example.com', name: 'Bea Costa', password: 'another long phrase' };
const ready = sharedNetwork(hearth, {
  people: [bea],
  // A tagged post, for the topic page.
  afterSetUp: async (page) => {
    await page.getByLabel('Write a post').fill('Our offsite is booked! Details in #offsite');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.locator('article.post').first().waitFor();
  },
});
let admin;

test('a colleague is found in the directory and followed from their profile', async (t) => {
  admin = await ready();
  const context = await newContext(hearth.browser, hearth.server);
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, admin.email, admin.password);

  await page.getByRole('link', { name: 'People', exact: true }).click();
  await page.getByLabel('Name').fill('bea');
  await page.getByRole('button', { name: 'Search' }).click();
  await screenshot(page, 'people');
  await checkAccessibility(page, 'people');
  await page.locator('main').getByRole('link', { name: bea.name }).click();
  await page.getByRole('heading', { name: bea.name }).waitFor();
  await page.getByRole('button', { name: 'Follow', exact: true }).click();
  await page.getByRole('button', { name: 'Unfollow' }).waitFor();
  await screenshot(page, 'profile');
  await checkAccessibility(page, 'profile');

  assertNoPageProblems(context);
});

test('a topic page gathers the posts tagged with it', async (t) => {
  admin = await ready();
  const context = await newContext(hearth.browser, hearth.server);
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, bea.email, bea.password);

  await page.getByRole('link', { name: '#offsite' }).first().click();
  await page.getByRole('heading', { name: '#offsite' }).waitFor();
  await page.locator('article.post').filter({ hasText: 'Our offsite is booked!' }).waitFor();
  await screenshot(page, 'topic');
  await checkAccessibility(page, 'topic');

  assertNoPageProblems(context);
});

test('settings change the profile others see', async (t) => {
  admin = await ready();
  const context = await newContext(hearth.browser, hearth.server);
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, bea.email, bea.password);

  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByLabel('Job title').fill('Head of Design');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByRole('status').waitFor();
  await screenshot(page, 'settings');
  await checkAccessibility(page, 'settings');

  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: bea.name }).click();
  await page.getByText('Head of Design').waitFor();

  assertNoPageProblems(context);
});

test('the main pages read well on a phone and in the dark', async (t) => {
  admin = await ready();
  for (const [label, options] of [
    ['phone', { viewport: { width: 360, height: 740 } }],
    ['dark', { colorScheme: 'dark' }],
  ]) {
    const context = await newContext(hearth.browser, hearth.server, options);
    t.after(() => context.close());
    const page = await signIn(context, hearth.server, admin.email, admin.password);
    for (const [name, path] of [['home', '/'], ['communities', '/communities'], ['people', '/people']]) {
      await page.goto(path);
      await screenshot(page, `${name}-${label}`);
      await checkAccessibility(page, `${name}-${label}`);
    }
    if (label === 'phone') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 360 px screen`);
    }
    assertNoPageProblems(context);
  }
});
