// Files on posts and chat messages in a real browser: an image picked in the composer, described and
// posted, then opened at full size; a pasted screenshot; a document shown as a card
// with a download link; a chip removed before sending; and the feed with files on a
// phone and in the dark. The tests share one server and run in order.

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

const hearth = useHearth('attachments');
const bea = { email: 'bea@example.com', name: 'Bea Costa', password: 'another long phrase' };
// The admin signs in for every other test; a sixth sign-in within the minute would
// meet the per-account limit, so the chat test is between two other people.
const cleo = { email: 'cleo@example.com', name: 'Cleo Braga', password: 'a third long phrase' };
const ready = sharedNetwork(hearth, { people: [bea, cleo] });

// A 4×3 orange PNG, made by hand so the test needs no image library.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGM4EaABRww4OQAsNg8BoqhHXQAAAABJRU5ErkJggg==';
const PNG = Buffer.from(PNG_BASE64, 'base64');

async function home(t, options = {}) {
  const admin = await ready();
  const context = await newContext(hearth.browser, hearth.server, options);
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, admin.email, admin.password);
  await page.goto('/');
  return { context, page };
}

function composer(page) {
  return page.locator('form.composer');
}

function post(page, text) {
  return page.locator('article.post').filter({ hasText: text });
}

async function publish(page, text) {
  await composer(page).getByLabel('Write a post').fill(text);
  await composer(page).getByRole('button', { name: 'Post', exact: true }).click();
  await post(page, text).waitFor();
}

test('an image picked in the composer is posted with its description and opens full size', async (t) => {
  const { context, page } = await home(t);
  await composer(page).getByLabel('Attach files').setInputFiles({ name: 'square.png', mimeType: 'image/png', buffer: PNG });
  const alt = composer(page).getByRole('textbox', { name: 'Alt text' });
  await alt.waitFor();
  assert.equal(await alt.getAttribute('placeholder'), 'Describe this image for people who cannot see it');
  await composer(page).getByText('square.png attached.').waitFor();
  // The picker is emptied once the file is up, so the form never sends it again.
  assert.equal(await composer(page).getByLabel('Attach files').evaluate((input) => input.files.length), 0);

  const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/hearth/v1/uploads/'));
  await alt.fill('An orange square');
  await alt.blur();
  assert.equal((await saved).status(), 200);

  await publish(page, 'Our new brand colour');
  const image = post(page, 'Our new brand colour').getByRole('img', { name: 'An orange square' });
  await image.waitFor();
  assert.equal(await image.getAttribute('width'), '4');
  assert.equal(await image.getAttribute('height'), '3');
  await page.waitForFunction((img) => img.complete && img.naturalWidth === 4, await image.elementHandle());

  const link = post(page, 'Our new brand colour').getByRole('link', { name: 'An orange square' });
  const href = await link.getAttribute('href');
  assert.match(href, /^\/files\/\d+\/original$/);
  const opened = await page.request.get(href);
  assert.equal(opened.status(), 200);
  assert.equal(opened.headers()['content-type'], 'image/png');
  await link.click();
  await page.waitForURL((url) => url.pathname === href);
  // Chromium's own image viewer styles the opened image inline, which the files'
  // policy (nothing may run or style) refuses: the browser's doing, not a page's.
  assertNoPageProblems(context, { allow: [/^CSP violation on [^ ]+\/files\/\d+\/original: Applying inline style/] });
});

test('a pasted screenshot is attached', async (t) => {
  const { context, page } = await home(t);
  await composer(page).getByLabel('Write a post').evaluate((textarea, base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'screenshot.png', { type: 'image/png' }));
    textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, PNG_BASE64);
  await composer(page).getByText('screenshot.png attached.').waitFor();
  await publish(page, 'Look at this screen');
  // Without a description the image says what file it is.
  const shown = post(page, 'Look at this screen').locator('.gallery img');
  assert.equal(await shown.getAttribute('alt'), '');
  await post(page, 'Look at this screen').getByText('Image: screenshot.png').waitFor({ state: 'attached' });
  assertNoPageProblems(context);
});

test('a document shows as a card with a download link, and a removed chip is not sent', async (t) => {
  const { context, page } = await home(t);
  const picker = composer(page).getByLabel('Attach files');
  await picker.setInputFiles([
    { name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% quarterly report\n'.repeat(200)) },
    { name: 'mistake.png', mimeType: 'image/png', buffer: PNG },
  ]);
  await composer(page).locator('.chip').filter({ hasText: 'report.pdf' }).getByRole('button', { name: 'Remove report.pdf' }).waitFor();
  const remove = composer(page).getByRole('button', { name: 'Remove mistake.png' });
  await remove.click();
  await composer(page).getByText('mistake.png removed.').waitFor();
  assert.equal(await composer(page).locator('.chip').count(), 1);

  await publish(page, 'The quarterly report');
  const card = post(page, 'The quarterly report').locator('.file-card');
  await card.getByText('report.pdf').first().waitFor();
  assert.match(await card.textContent(), /KB/);
  assert.equal(await post(page, 'The quarterly report').locator('.gallery').count(), 0);
  const download = card.getByRole('link', { name: 'Download report.pdf' });
  const href = await download.getAttribute('href');
  const answer = await page.request.get(href);
  assert.equal(answer.status(), 200);
  assert.match(answer.headers()['content-disposition'], /^attachment/);

  await screenshot(page, 'attachments-feed');
  await checkAccessibility(page, 'attachments-feed');
  assertNoPageProblems(context);
});

test('the feed with files reads well on a phone and in the dark', async (t) => {
  for (const [label, options] of [
    ['phone', { viewport: { width: 390, height: 844 } }],
    ['dark', { colorScheme: 'dark' }],
  ]) {
    const { context, page } = await home(t, options);
    await post(page, 'The quarterly report').waitFor();
    // A chip in the composer, so its layout is checked too.
    await composer(page).getByLabel('Attach files').setInputFiles({ name: 'a-rather-long-file-name-for-a-narrow-screen.png', mimeType: 'image/png', buffer: PNG });
    await composer(page).getByRole('textbox', { name: 'Alt text' }).waitFor();
    await screenshot(page, `attachments-feed-${label}`);
    await checkAccessibility(page, `attachments-feed-${label}`);
    if (label === 'phone') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the feed is ${overflow}px wider than a 390 px screen`);
    }
    assertNoPageProblems(context);
  }
});

test('an image sent in chat appears live in the open conversation', async (t) => {
  await ready();
  const anaContext = await newContext(hearth.browser, hearth.server);
  const beaContext = await newContext(hearth.browser, hearth.server);
  t.after(() => Promise.all([anaContext.close(), beaContext.close()]));
  const ana = await signIn(anaContext, hearth.server, cleo.email, cleo.password);
  const other = await signIn(beaContext, hearth.server, bea.email, bea.password);

  await other.getByRole('link', { name: 'People', exact: true }).click();
  await other.locator('main').getByRole('link', { name: cleo.name }).click();
  await other.getByRole('button', { name: 'Message', exact: true }).click();
  await other.waitForURL(/\/chat\/\d+$/);
  const conversation = new URL(other.url()).pathname;
  await ana.goto(conversation);
  await ana.locator('ol.messages').waitFor({ state: 'attached' });

  const chatComposer = other.locator('form[data-chat-composer]');
  await chatComposer.getByLabel('Attach files').setInputFiles({ name: 'whiteboard.png', mimeType: 'image/png', buffer: PNG });
  const alt = chatComposer.getByRole('textbox', { name: 'Alt text' });
  await alt.waitFor();
  const saved = other.waitForResponse((r) => r.request().method() === 'PATCH');
  await alt.fill('The whiteboard after the meeting');
  await alt.blur();
  await saved;
  // Files alone make a message: no text needed.
  await chatComposer.getByRole('button', { name: 'Send', exact: true }).click();
  await other.locator('ol.messages').getByRole('img', { name: 'The whiteboard after the meeting' }).waitFor();
  assert.equal(await chatComposer.locator('.chip').count(), 0);

  // Ana sees it arrive without a reload.
  const arrived = ana.locator('ol.messages').getByRole('img', { name: 'The whiteboard after the meeting' });
  await arrived.waitFor();
  assert.equal(await arrived.getAttribute('width'), '4');
  await checkAccessibility(ana, 'attachments-chat');
  assertNoPageProblems(anaContext);
  assertNoPageProblems(beaContext);
});
