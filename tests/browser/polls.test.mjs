// Polls in a real browser: asked from the composer, voted in without a reload,
// followed live by another reader, read on a phone and in the dark, closed by their
// author; and the admin console's setting for the kinds of vote. The tests share one
// server and run in order.

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

const hearth = useHearth('polls');
const bea = { email: 'bea@example.com', name: 'Bea Costa', password: 'another long phrase' };
const ready = sharedNetwork(hearth, { people: [bea] });
const question = 'Where should the team lunch be on Friday?';

function postCard(page, text) {
  return page.locator('article.post').filter({ hasText: text }).first();
}

test('a poll is asked, voted in without a reload and followed live by its author', async (t) => {
  const admin = await ready();
  const authorContext = await newContext(hearth.browser, hearth.server);
  const voterContext = await newContext(hearth.browser, hearth.server);
  t.after(() => Promise.all([authorContext.close(), voterContext.close()]));
  const author = await signIn(authorContext, hearth.server, admin.email, admin.password);

  await author.getByLabel('Write a post').fill(question);
  await author.getByText('Add a poll').click();
  await author.getByLabel('Poll options').fill('Pizza place\nSalad bar\nNoodle bar');
  await author.getByRole('button', { name: 'Post', exact: true }).click();
  const poll = postCard(author, question).getByRole('region', { name: 'Poll' });
  await poll.getByText('Nobody has voted yet').waitFor();
  // The author sees the counts from the start.
  assert.equal(await poll.getByText('0 votes (0%)').count(), 3);

  const voter = await signIn(voterContext, hearth.server, bea.email, bea.password);
  const ballot = postCard(voter, question).getByRole('region', { name: 'Poll' });
  await ballot.getByText('vote to see the results').waitFor();
  assert.equal(await ballot.getByText(/votes? \(/).count(), 0, 'no counts before voting');
  await voter.evaluate(() => { window.hearthTestMarker = true; });
  await ballot.getByRole('radio', { name: 'Salad bar' }).check();
  await ballot.getByRole('button', { name: 'Vote' }).click();
  await postCard(voter, question).getByText('1 person voted').waitFor();
  assert.equal(await voter.evaluate(() => window.hearthTestMarker), true, 'voting reloaded the page');
  await postCard(voter, question).getByText('1 vote (100%)').waitFor();
  await postCard(voter, question).getByRole('button', { name: 'Change vote' }).waitFor();
  await screenshot(voter, 'poll-voted');
  await checkAccessibility(voter, 'poll-voted');

  // The author's page follows the vote on the live stream.
  await postCard(author, question).getByText('1 person voted').waitFor({ timeout: 30_000 });

  assertNoPageProblems(authorContext);
  assertNoPageProblems(voterContext);
});

test('a poll reads well on a phone and in the dark', async (t) => {
  await ready();
  for (const [label, options] of [
    ['phone', { viewport: { width: 390, height: 844 } }],
    ['dark', { colorScheme: 'dark' }],
  ]) {
    const context = await newContext(hearth.browser, hearth.server, options);
    t.after(() => context.close());
    const page = await signIn(context, hearth.server, bea.email, bea.password);
    await postCard(page, question).getByText('1 vote (100%)').waitFor();
    await page.locator('form.composer details.poll-fields summary').click();
    await screenshot(page, `poll-${label}`);
    await checkAccessibility(page, `poll-${label}`);
    if (label === 'phone') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the feed is ${overflow}px wider than a 390 px screen`);
    }
    assertNoPageProblems(context);
  }
});

test('the author closes the poll and an admin allows named votes only', async (t) => {
  const admin = await ready();
  const context = await newContext(hearth.browser, hearth.server);
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, admin.email, admin.password);
  page.on('dialog', (dialog) => dialog.accept());
  await postCard(page, question).getByRole('button', { name: 'Close the poll now' }).click();
  await postCard(page, question).getByText(/closed/).waitFor();
  assert.equal(await postCard(page, question).getByRole('button', { name: 'Vote' }).count(), 0);

  await page.goto('/admin/posts');
  await page.getByRole('heading', { name: 'Posts', level: 1 }).waitFor();
  await checkAccessibility(page, 'admin-posts');
  const polls = page.locator('section', { has: page.getByRole('heading', { name: 'Polls' }) });
  await polls.getByRole('radio', { name: /Named only/ }).check();
  await polls.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').getByText('Saved.').waitFor();
  await screenshot(page, 'admin-posts');

  await page.goto('/');
  await page.getByText('Add a poll').click();
  await page.getByText('Votes are named in this network.').waitFor();
  assertNoPageProblems(context);
});
