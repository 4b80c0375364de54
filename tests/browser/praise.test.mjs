// Praise in a real browser: a colleague thanked from the composer, the praise card
// in the feed, and "Praise received" on their profile, in light and dark, on a phone.

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

const hearth = useHearth('praise');
const bea = { email: 'bea@example.com', name: 'Bea Costa', password: 'another long phrase' };
const ready = sharedNetwork(hearth, { people: [bea] });

test('a colleague is praised from the composer and sees it on their profile', async (t) => {
  const admin = await ready();
  const context = await newContext(hearth.browser, hearth.server);
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, admin.email, admin.password);

  await page.goto('/people');
  const profileLink = page.locator('main').getByRole('link', { name: bea.name });
  const profile = await profileLink.getAttribute('href');
  const handle = profile.split('/').pop();

  await page.goto('/');
  await page.getByLabel('Write a post').fill('Thank you for running the launch rehearsal!');
  await page.getByText('Praise a colleague').click();
  await page.getByLabel('Whom to praise').fill(`@${handle}`);
  await page.getByLabel('For', { exact: true }).selectOption('teamwork');
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  const card = page.locator('article.post').filter({ hasText: 'launch rehearsal' }).first();
  const banner = card.locator('.praise-banner');
  await banner.getByText('Great teamwork').waitFor();
  await banner.getByRole('link', { name: bea.name }).waitFor();
  await screenshot(page, 'praise-feed');
  await checkAccessibility(page, 'praise-feed');
  assertNoPageProblems(context);

  for (const [label, options] of [
    ['phone', { viewport: { width: 390, height: 844 } }],
    ['dark', { colorScheme: 'dark' }],
  ]) {
    const other = await newContext(hearth.browser, hearth.server, options);
    t.after(() => other.close());
    const own = await signIn(other, hearth.server, bea.email, bea.password);
    await own.goto(profile);
    await own.getByRole('heading', { name: 'Praise received' }).waitFor();
    await own.getByText('Great teamwork: 1').waitFor();
    await screenshot(own, `praise-profile-${label}`);
    await checkAccessibility(own, `praise-profile-${label}`);
    if (label === 'phone') {
      const overflow = await own.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the profile is ${overflow}px wider than a 390 px screen`);
    }
    assertNoPageProblems(other);
  }
});
