// Chat in a real browser: a conversation started from a profile, messages arriving
// live in the other person's open conversation, typing, unread counts in the list,
// a group made with the form, and the pages on a phone and in the dark. The tests
// share one server and run in order.

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

const hearth = useHearth('chat');
const bea = { email: 'bea@example.com', name: 'Bea Costa', password: 'another long phrase' };
const ready = sharedNetwork(hearth, { people: [bea] });
let admin;
let conversation;

/** Marks the page so a test can tell a background update from a full reload. */
async function markPage(page) {
  await page.evaluate(() => { window.hearthTestMarker = true; });
}

async function assertNotReloaded(page, what) {
  assert.equal(await page.evaluate(() => window.hearthTestMarker), true, `${what} reloaded the page`);
}

function message(page, text) {
  return page.locator('ol.messages > li.message').filter({ hasText: text });
}

function composer(page) {
  return page.getByRole('combobox', { name: 'Message', exact: true });
}

function listed(page, name) {
  return page.locator('li.conversation').filter({ has: page.getByRole('link', { name, exact: true }) });
}

test('a message sent from a profile appears live in the open conversation', async (t) => {
  admin = await ready();
  const anaContext = await newContext(hearth.browser, hearth.server);
  const beaContext = await newContext(hearth.browser, hearth.server);
  t.after(() => Promise.all([anaContext.close(), beaContext.close()]));
  const ana = await signIn(anaContext, hearth.server, admin.email, admin.password);
  const other = await signIn(beaContext, hearth.server, bea.email, bea.password);

  // Bea finds Ana in the directory and writes to her from the profile.
  await other.getByRole('link', { name: 'People', exact: true }).click();
  await other.locator('main').getByRole('link', { name: admin.name }).click();
  await other.getByRole('button', { name: 'Message', exact: true }).click();
  await other.waitForURL(/\/chat\/\d+$/);
  conversation = new URL(other.url()).pathname;
  await other.getByRole('heading', { name: admin.name }).waitFor();

  // Ana has it open in her own browser.
  await ana.getByRole('link', { name: 'Chat', exact: true }).click();
  await listed(ana, bea.name).getByText('No messages yet').waitFor();
  await listed(ana, bea.name).getByRole('link', { name: bea.name }).click();
  await ana.waitForURL((url) => url.pathname === conversation);
  await markPage(ana);
  await markPage(other);

  // Typing is told to those connected now, and not kept: type until Ana's stream
  // has heard it (each signal is sent at most every three seconds).
  const typing = ana.getByText(`${bea.name} is typing…`);
  for (let attempt = 0; ; attempt += 1) {
    await composer(other).pressSequentially('Hi', { delay: 20 });
    try {
      await typing.waitFor({ timeout: 4_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  await composer(other).fill('Hi Ana! Do you have a minute for the **launch** plan?');
  await other.getByRole('button', { name: 'Send', exact: true }).click();
  await message(other, 'Do you have a minute').waitFor();
  assert.equal(await composer(other).inputValue(), '', 'the composer is emptied');
  assert.equal(await other.evaluate(() => document.activeElement?.id), 'chat-body', 'focus stays in the composer');
  await assertNotReloaded(other, 'sending');

  const arrived = message(ana, 'Do you have a minute');
  await arrived.waitFor();
  await arrived.locator('strong', { hasText: 'launch' }).waitFor();
  await arrived.getByRole('link', { name: bea.name }).waitFor();
  await arrived.locator('time').waitFor();
  await typing.waitFor({ state: 'hidden' });
  await assertNotReloaded(ana, 'a message arriving');

  // Ana answers with Enter; Bea sees it arrive.
  await composer(ana).fill('Sure, calling you now.');
  await composer(ana).press('Enter');
  await message(ana, 'Sure, calling you now.').waitFor();
  await message(other, 'Sure, calling you now.').waitFor();
  await assertNotReloaded(other, 'a reply arriving');
  assert.equal(await ana.evaluate(() => document.activeElement?.id), 'chat-body');

  // An edit made elsewhere shows in place.
  await other.goto(`${conversation}`);
  await message(other, 'Do you have a minute').hover();
  await message(other, 'Do you have a minute').getByRole('link', { name: 'Edit' }).click();
  await other.getByRole('heading', { name: 'Edit message' }).waitFor();
  await other.getByLabel('Message', { exact: true }).fill('Hi Ana! Do you have five minutes for the **launch** plan?');
  await other.getByRole('button', { name: 'Save' }).click();
  await message(ana, 'five minutes').getByText('edited').waitFor();
  await assertNotReloaded(ana, 'an edit arriving');

  await screenshot(ana, 'chat-conversation');
  await checkAccessibility(ana, 'chat-conversation');
  assertNoPageProblems(anaContext);
  assertNoPageProblems(beaContext);
});

test('the list counts unread messages until the conversation is opened', async (t) => {
  admin = await ready();
  const anaContext = await newContext(hearth.browser, hearth.server);
  const beaContext = await newContext(hearth.browser, hearth.server);
  t.after(() => Promise.all([anaContext.close(), beaContext.close()]));
  const ana = await signIn(anaContext, hearth.server, admin.email, admin.password);
  const other = await signIn(beaContext, hearth.server, bea.email, bea.password);

  await ana.goto('/chat');
  await markPage(ana);
  const entry = listed(ana, bea.name);
  await entry.waitFor();
  assert.equal(await entry.getByText(/unread/).count(), 0, 'nothing unread yet');

  await other.goto(conversation);
  for (const text of ['Also: the demo moved to Friday.', 'And bring the slides, please.']) {
    await composer(other).fill(text);
    await other.getByRole('button', { name: 'Send', exact: true }).click();
    await message(other, text).waitFor();
  }

  // The list refreshes itself: the newest message and the count, in words.
  await entry.getByText('2 unread').waitFor();
  await entry.getByText('And bring the slides, please.').waitFor();
  await assertNotReloaded(ana, 'the list refreshing');

  // A group, made with the form beside the list.
  await ana.getByLabel('Title').fill('Launch team');
  await ana.getByRole('checkbox', { name: new RegExp(bea.name) }).check();
  await ana.getByRole('button', { name: 'Create group' }).click();
  await ana.getByRole('heading', { name: 'Launch team' }).waitFor();
  await composer(ana).fill('Welcome to the launch team, everyone.');
  await composer(ana).press('Enter');
  await message(ana, 'Welcome to the launch team').waitFor();
  await ana.getByText('Group settings').click();
  await ana.getByLabel('Group title').waitFor();
  await screenshot(ana, 'chat-group');
  await checkAccessibility(ana, 'chat-group');

  await ana.locator('main').getByRole('link', { name: 'People', exact: true }).click();
  await ana.getByRole('heading', { name: 'People in Launch team' }).waitFor();
  await ana.getByRole('button', { name: `Remove ${bea.name}` }).waitFor();
  await screenshot(ana, 'chat-members');
  await checkAccessibility(ana, 'chat-members');
  await ana.getByRole('link', { name: 'Back to the conversation' }).click();

  await ana.getByRole('link', { name: 'All conversations' }).click();
  await listed(ana, 'Launch team').waitFor();
  await screenshot(ana, 'chat-list');
  await checkAccessibility(ana, 'chat-list');

  await listed(ana, bea.name).getByRole('link', { name: bea.name }).click();
  await message(ana, 'And bring the slides, please.').waitFor();
  await message(ana, 'the demo moved to Friday').getByText('New', { exact: true }).waitFor();
  await screenshot(ana, 'chat-unread');
  await ana.goto('/chat');
  await listed(ana, bea.name).waitFor();
  assert.equal(await listed(ana, bea.name).getByText(/unread/).count(), 0, 'read once opened');

  assertNoPageProblems(anaContext);
  assertNoPageProblems(beaContext);
});

test('chat reads well on a phone and in the dark', async (t) => {
  admin = await ready();
  for (const [label, options] of [
    ['phone', { viewport: { width: 360, height: 740 } }],
    ['dark', { colorScheme: 'dark' }],
  ]) {
    const context = await newContext(hearth.browser, hearth.server, options);
    t.after(() => context.close());
    const page = await signIn(context, hearth.server, admin.email, admin.password);
    for (const [name, path] of [['chat-list', '/chat'], ['chat-conversation', conversation]]) {
      await page.goto(path);
      await screenshot(page, `${name}-${label}`);
      await checkAccessibility(page, `${name}-${label}`);
      if (label === 'phone') {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${path} is ${overflow}px wider than a 360 px screen`);
      }
    }
    assertNoPageProblems(context);
  }
});
