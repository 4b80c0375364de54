// Suggestions while typing in a real browser: "@" offers colleagues and "#" topics in
// the post composer and in a chat composer, chosen with the keyboard or a tap, with a
// status for screen readers; on a phone, in the dark, and plain without the script.
// The tests share one server and run in order.

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

const hearth = useHearth('suggestions');
const bea = { email: 'bea@example.com', name: 'Bea Costa', password: 'another long phrase' };
const bruno = { email: 'bruno@example.com', name: 'Bruno Dias', password: 'yet another phrase' };
const ready = sharedNetwork(hearth, {
  people: [bea, bruno],
  // Topics in use, for "#".
  afterSetUp: async (page) => {
    for (const text of ['Our offsite is booked! Details in #offsite', 'Agenda for the #offsite']) {
      await page.getByLabel('Write a post').fill(text);
      await page.getByRole('button', { name: 'Post', exact: true }).click();
      await page.locator('article.post').filter({ hasText: text.slice(0, 12) }).first().waitFor();
    }
  },
});
let admin;

function suggestions(page) {
  return page.getByRole('listbox', { name: 'Suggestions' });
}

/** The polite status that says how many suggestions there are. */
function announced(page, text) {
  return page.locator('.suggest-host [role="status"]', { hasText: text });
}

/** Asserts the option is the active descendant of the combobox. */
async function assertActive(combobox, option) {
  const id = await option.getAttribute('id');
  assert.equal(await combobox.getAttribute('aria-activedescendant'), id);
  assert.equal(await option.getAttribute('aria-selected'), 'true');
}

test('@ and # in the post composer suggest colleagues and topics, chosen with the keyboard', async (t) => {
  admin = await ready();
  const context = await newContext(hearth.browser, hearth.server);
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, admin.email, admin.password);

  const composer = page.getByRole('combobox', { name: 'Write a post' });
  assert.equal(await composer.getAttribute('aria-expanded'), 'false');
  assert.equal(await composer.getAttribute('aria-autocomplete'), 'list');
  await composer.click();
  await composer.pressSequentially('Thanks @b', { delay: 30 });
  const list = suggestions(page);
  await list.waitFor();
  assert.equal(await composer.getAttribute('aria-expanded'), 'true');
  assert.equal(await composer.getAttribute('aria-controls'), await list.getAttribute('id'));
  const options = list.getByRole('option');
  assert.equal(await options.count(), 2);
  await options.nth(0).getByText('Bea Costa').waitFor();
  await options.nth(0).getByText('@bea').waitFor();
  await options.nth(1).getByText('Bruno Dias').waitFor();
  await announced(page, '2 suggestions').waitFor({ state: 'attached' });
  await screenshot(page, 'suggestions-people');
  await checkAccessibility(page, 'suggestions-people');

  // Down, down, up: Bea; Enter inserts her handle and closes the list.
  await composer.press('ArrowDown');
  await assertActive(composer, options.nth(0));
  await composer.press('ArrowDown');
  await assertActive(composer, options.nth(1));
  await composer.press('ArrowUp');
  await assertActive(composer, options.nth(0));
  await composer.press('Enter');
  assert.equal(await composer.inputValue(), 'Thanks @bea ');
  await list.waitFor({ state: 'hidden' });
  assert.equal(await composer.getAttribute('aria-expanded'), 'false');
  assert.equal(await composer.getAttribute('aria-activedescendant'), null);

  // Escape closes the list and leaves the text as typed.
  await composer.pressSequentially('and @bru', { delay: 30 });
  await list.getByRole('option', { name: /Bruno Dias/ }).waitFor();
  await announced(page, '1 suggestion').waitFor({ state: 'attached' });
  await composer.press('Escape');
  await list.waitFor({ state: 'hidden' });
  assert.equal(await composer.inputValue(), 'Thanks @bea and @bru');
  await composer.press('Backspace');
  await composer.press('Backspace');
  await composer.press('Backspace');
  await composer.press('Backspace');

  // "#" suggests the topics in use; Tab inserts the chosen one.
  await composer.pressSequentially('for the #of', { delay: 30 });
  await list.getByRole('option', { name: /#offsite/ }).waitFor();
  await screenshot(page, 'suggestions-topics');
  await checkAccessibility(page, 'suggestions-topics');
  await composer.press('ArrowDown');
  await composer.press('Tab');
  assert.equal(await composer.inputValue(), 'Thanks @bea and for the #offsite ');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'composer-body', 'Tab chose, focus stayed');

  // Nothing matches: the list stays closed and the status says so.
  await composer.pressSequentially('#zzz', { delay: 30 });
  await announced(page, 'No suggestions').waitFor({ state: 'attached' });
  assert.equal(await list.isVisible(), false);
  for (let i = 0; i < 4; i += 1) await composer.press('Backspace');

  await page.getByRole('button', { name: 'Post', exact: true }).click();
  const post = page.locator('article.post').filter({ hasText: 'Thanks' }).first();
  await post.getByRole('link', { name: '@bea' }).waitFor();
  await post.getByRole('link', { name: '#offsite' }).waitFor();

  assertNoPageProblems(context);
});

test('@ and # in a chat composer: Enter chooses instead of sending, a tap inserts', async (t) => {
  admin = await ready();
  const context = await newContext(hearth.browser, hearth.server);
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, admin.email, admin.password);

  await page.getByRole('link', { name: 'People', exact: true }).click();
  await page.locator('main').getByRole('link', { name: bea.name }).click();
  await page.getByRole('button', { name: 'Message', exact: true }).click();
  await page.waitForURL(/\/chat\/\d+$/);

  const composer = page.getByRole('combobox', { name: 'Message', exact: true });
  await composer.click();
  await composer.pressSequentially('Ask @bru', { delay: 30 });
  const list = suggestions(page);
  const brunoOption = list.getByRole('option', { name: /Bruno Dias/ });
  await brunoOption.waitFor();
  await composer.press('ArrowDown');
  await assertActive(composer, brunoOption);
  await composer.press('Enter');
  assert.equal(await composer.inputValue(), 'Ask @bruno ', 'Enter chose; nothing was sent');
  await list.waitFor({ state: 'hidden' });
  assert.equal(await page.locator('ol.messages > li.message').count(), 0);

  await composer.pressSequentially('about #off', { delay: 30 });
  await list.getByRole('option', { name: /#offsite/ }).waitFor();
  await screenshot(page, 'suggestions-chat');
  await checkAccessibility(page, 'suggestions-chat');
  await list.getByRole('option', { name: /#offsite/ }).click();
  assert.equal(await composer.inputValue(), 'Ask @bruno about #offsite ');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'chat-body');

  // With the list closed, Enter sends as always.
  await composer.press('Enter');
  const sent = page.locator('ol.messages > li.message').filter({ hasText: 'Ask' });
  await sent.getByRole('link', { name: '@bruno' }).waitFor();
  assert.equal(await composer.inputValue(), '');

  assertNoPageProblems(context);
});

test('suggestions read well on a phone and in the dark', async (t) => {
  admin = await ready();
  for (const [label, options] of [
    ['phone', { viewport: { width: 360, height: 740 }, hasTouch: true }],
    ['dark', { colorScheme: 'dark' }],
  ]) {
    const context = await newContext(hearth.browser, hearth.server, options);
    t.after(() => context.close());
    const page = await signIn(context, hearth.server, admin.email, admin.password);
    const composer = page.getByRole('combobox', { name: 'Write a post' });
    await composer.click();
    await composer.pressSequentially('Hello @b', { delay: 30 });
    const list = suggestions(page);
    await list.getByRole('option').first().waitFor();
    await composer.press('ArrowDown');
    await screenshot(page, `suggestions-${label}`);
    await checkAccessibility(page, `suggestions-${label}`);
    if (label === 'phone') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 360 px screen`);
      const box = await list.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 360, `the list stays on screen: ${JSON.stringify(box)}`);
      // A tap chooses.
      await list.getByRole('option', { name: /Bruno Dias/ }).tap();
      assert.equal(await composer.inputValue(), 'Hello @bruno ');
    }
    assertNoPageProblems(context);
  }
});

test('without the script the composer is a plain text area', async (t) => {
  admin = await ready();
  const context = await newContext(hearth.browser, hearth.server, { javaScriptEnabled: false });
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, admin.email, admin.password);
  const composer = page.getByRole('textbox', { name: 'Write a post' });
  await composer.fill('Plain @b and #of');
  assert.equal(await page.locator('textarea[role="combobox"], textarea[aria-controls]').count(), 0);
  assert.equal(await page.getByRole('listbox').count(), 0);
  assertNoPageProblems(context);
});
