// Pictures in a real browser: a profile photo picked in settings with the file picker,
// then shown in the header and on the person's post cards; and the settings page and
// the feed with photos on a phone and in the dark. The tests share one server.

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

const hearth = useHearth('pictures');
// Each test signs in as someone else, well under the per-account limit of sign-ins.
const bea = { email: 'bea@example.com', name: 'Bea Costa', password: 'another long phrase' };
const cleo = { email: 'cleo@example.com', name: 'Cleo Braga', password: 'a third long phrase' };
const ready = sharedNetwork(hearth, { people: [bea, cleo] });

// A 4×3 orange PNG, made by hand so the test needs no image library.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGM4EaABRww4OQAsNg8BoqhHXQAAAABJRU5ErkJggg==';
const PNG = Buffer.from(PNG_BASE64, 'base64');

async function signedIn(t, person, options = {}) {
  await ready();
  const context = await newContext(hearth.browser, hearth.server, options);
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, person.email, person.password);
  return { context, page };
}

/** Picks a photo in settings and sends it, as a person would. */
async function setPhoto(page) {
  await page.goto('/settings');
  const photo = page.locator('section#photo');
  await photo.getByText('You have no photo yet', { exact: false }).waitFor();
  await photo.getByLabel('Choose a new photo').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG });
  await photo.getByRole('button', { name: 'Upload photo' }).click();
  await page.waitForURL(/\/settings\?saved=photo#photo$/);
  await page.getByRole('status').filter({ hasText: 'Your photo was changed.' }).waitFor();
  await photo.getByRole('button', { name: 'Remove photo' }).waitFor();
}

/** The header's picture next to the reader's own name. */
function ownAvatar(page) {
  return page.locator('header a.me img.avatar');
}

async function loaded(page, image) {
  await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await image.elementHandle());
}

test('a photo picked in settings shows in the header and on post cards', async (t) => {
  const { context, page } = await signedIn(t, bea);
  await setPhoto(page);

  const header = ownAvatar(page);
  const src = await header.getAttribute('src');
  assert.match(src, /^\/files\/\d+\/avatar_small$/);
  assert.equal(await header.getAttribute('alt'), '', 'the name is beside it');
  await loaded(page, header);
  assert.equal(await header.evaluate((img) => img.naturalWidth), 64);
  await checkAccessibility(page, 'pictures-settings');

  await page.goto('/');
  const composer = page.locator('form.composer');
  await composer.getByLabel('Write a post').fill('Now with a face');
  await composer.getByRole('button', { name: 'Post', exact: true }).click();
  const card = page.locator('article.post').filter({ hasText: 'Now with a face' });
  await card.waitFor();
  const onCard = card.locator('.post-head img.avatar');
  assert.equal(await onCard.getAttribute('src'), src);
  await loaded(page, onCard);
  // The profile shows the larger one.
  await page.locator('header a.me').click();
  const large = page.locator('img.avatar.large');
  assert.match(await large.getAttribute('src'), /^\/files\/\d+\/avatar$/);
  await loaded(page, large);
  await checkAccessibility(page, 'pictures-profile');
  assertNoPageProblems(context);
});

test('settings and the feed with photos read well on a phone and in the dark', async (t) => {
  for (const [label, options] of [
    ['phone', { viewport: { width: 390, height: 844 } }],
    ['dark', { colorScheme: 'dark' }],
  ]) {
    const { context, page } = await signedIn(t, cleo, options);
    if (label === 'phone') await setPhoto(page);
    for (const [where, path] of [['settings', '/settings'], ['feed', '/']]) {
      await page.goto(path);
      await loaded(page, ownAvatar(page));
      await screenshot(page, `pictures-${where}-${label}`);
      await checkAccessibility(page, `pictures-${where}-${label}`);
      if (label === 'phone') {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${path} is ${overflow}px wider than a 390 px screen`);
      }
    }
    assertNoPageProblems(context);
  }
});
