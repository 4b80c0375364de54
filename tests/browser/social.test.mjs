// The social core in a real browser: posting, reacting and replying without page
// reloads, sharing, a second reader told about a new post, and a private community
// joined by request and approval. The tests share one server and run in order.

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

const hearth = useHearth('social');
const bea = { email: 'bea@example.com', name: 'Bea Costa', password: 'another long phrase' };
const ready = sharedNetwork(hearth, { people: [bea] });
let admin;

/** Marks the page so a test can tell a background update from a full reload. */
async function markPage(page) {
  await page.evaluate(() => { window.hearthTestMarker = true; });
}

async function assertNotReloaded(page, what) {
  assert.equal(await page.evaluate(() => window.hearthTestMarker), true, `${what} reloaded the page`);
}

function postCard(page, text) {
  return page.locator('article.post').filter({ hasText: text }).first();
}

test('a post is written, liked, replied to in its thread and shared', async (t) => {
  admin = await ready();
  const context = await newContext(hearth.browser, hearth.server);
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, admin.email, admin.password);

  await page.getByLabel('Write a post').fill('Welcome to our new network! Say hello in #introductions');
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  const post = postCard(page, 'Welcome to our new network!');
  await post.waitFor();
  await post.getByRole('link', { name: '#introductions' }).waitFor();

  await markPage(page);
  const like = post.getByRole('button', { name: /Like/ });
  assert.equal(await like.getAttribute('aria-pressed'), 'false');
  await like.click();
  await postCard(page, 'Welcome to our new network!')
    .locator('button[aria-pressed="true"]', { hasText: 'Like' })
    .waitFor();
  await assertNotReloaded(page, 'liking');
  assert.match(await postCard(page, 'Welcome').getByRole('button', { name: /Like/ }).innerText(), /1/);
  await screenshot(page, 'home-feed');
  await checkAccessibility(page, 'home-feed');

  await postCard(page, 'Welcome').getByRole('link', { name: /^Reply/ }).click();
  await page.waitForURL(/\/posts\/\d+/);
  const thread = page.url();
  await markPage(page);
  await page.getByLabel('Your reply').first().fill('Hello from the design team!');
  await page.getByRole('button', { name: 'Reply', exact: true }).first().click();
  const reply = postCard(page, 'Hello from the design team!');
  await reply.waitFor();
  await assertNotReloaded(page, 'replying');

  // Answer the reply itself: the inline form under it makes a nested reply.
  await markPage(page);
  const inline = page.locator('details.inline-reply').first();
  await inline.locator('summary').click();
  await inline.getByLabel('Your reply').fill('Glad you are here.');
  await inline.getByRole('button', { name: 'Reply' }).click();
  const nested = page.locator('ol.thread ol.thread article.post').filter({ hasText: 'Glad you are here.' });
  await nested.waitFor();
  await assertNotReloaded(page, 'an inline reply');
  await screenshot(page, 'thread');
  await checkAccessibility(page, 'thread');

  // Without the script the same forms work by posting and redirecting.
  await page.goto(thread);
  await postCard(page, 'Welcome').getByRole('link', { name: /^Share/ }).click();
  await page.getByRole('heading', { name: 'Share a post' }).waitFor();
  await screenshot(page, 'share');
  await checkAccessibility(page, 'share');
  await page.getByLabel('Add a comment (optional)').fill('Everyone should read this');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.waitForURL(/\/posts\/\d+$/);
  const share = postCard(page, 'Everyone should read this');
  await share.getByText('Shared post').waitFor();
  await share.getByText('Welcome to our new network!').waitFor();

  await page.goto(thread);
  await postCard(page, 'Welcome').getByRole('link', { name: 'Who reacted' }).click();
  await page.getByRole('heading', { name: 'Who reacted' }).waitFor();
  await page.locator('main').getByRole('link', { name: admin.name }).waitFor();

  assertNoPageProblems(context);
});

test('a second reader is told about a new post and sees it', async (t) => {
  admin = await ready();
  const readerContext = await newContext(hearth.browser, hearth.server);
  const writerContext = await newContext(hearth.browser, hearth.server);
  t.after(() => Promise.all([readerContext.close(), writerContext.close()]));
  const reader = await signIn(readerContext, hearth.server, bea.email, bea.password);
  const writer = await signIn(writerContext, hearth.server, admin.email, admin.password);

  const banner = reader.locator('[data-new-posts]');
  assert.equal(await banner.isVisible(), false, 'no banner before anything new');
  await writer.getByLabel('Write a post').fill('Lunch is on the house today');
  await writer.getByRole('button', { name: 'Post', exact: true }).click();
  await postCard(writer, 'Lunch is on the house').waitFor();

  await reader.getByRole('link', { name: '1 new post' }).waitFor({ timeout: 30_000 });
  await reader.getByRole('link', { name: '1 new post' }).click();
  await postCard(reader, 'Lunch is on the house today').waitFor();

  assertNoPageProblems(readerContext);
  assertNoPageProblems(writerContext);
});

test('a private community is joined by request and approval', async (t) => {
  admin = await ready();
  const ownerContext = await newContext(hearth.browser, hearth.server);
  const beaContext = await newContext(hearth.browser, hearth.server);
  t.after(() => Promise.all([ownerContext.close(), beaContext.close()]));
  const owner = await signIn(ownerContext, hearth.server, admin.email, admin.password);
  const member = await signIn(beaContext, hearth.server, bea.email, bea.password);

  await owner.getByRole('link', { name: 'Communities', exact: true }).click();
  await owner.getByRole('link', { name: 'New community' }).click();
  await checkAccessibility(owner, 'new-community');
  await owner.getByLabel('Name').fill('Leadership circle');
  await owner.getByLabel('What is it about?').fill('Plans before they are announced.');
  await owner.getByRole('radio', { name: /Private/ }).check();
  await owner.getByRole('button', { name: 'Create community' }).click();
  await owner.getByRole('heading', { name: 'Leadership circle' }).waitFor();
  const community = owner.url();
  await owner.getByLabel('Write a post').fill('Draft of the plan for next year');
  await owner.getByRole('button', { name: 'Post', exact: true }).click();
  await postCard(owner, 'Draft of the plan').waitFor();
  await screenshot(owner, 'community');
  await checkAccessibility(owner, 'community');

  await member.goto('/communities');
  const card = member.locator('li.community-card').filter({ hasText: 'Leadership circle' });
  await screenshot(member, 'communities');
  await checkAccessibility(member, 'communities');
  await card.getByRole('button', { name: 'Ask to join' }).click();
  await member.getByText('Request sent, waiting for approval').waitFor();
  assert.equal(await member.getByText('Draft of the plan').count(), 0, 'not readable before approval');

  await owner.goto(`${community}/members`);
  await owner.getByRole('heading', { name: 'Asking to join (1)' }).waitFor();
  await screenshot(owner, 'members');
  await checkAccessibility(owner, 'members');
  await owner.getByRole('button', { name: 'Approve' }).click();
  await owner.getByRole('heading', { name: 'Members', exact: true }).waitFor();
  assert.equal(await owner.getByRole('button', { name: 'Approve' }).count(), 0);

  await member.goto(community);
  await postCard(member, 'Draft of the plan for next year').waitFor();
  await member.getByRole('button', { name: 'Leave' }).waitFor();

  assertNoPageProblems(ownerContext);
  assertNoPageProblems(beaContext);
});

test('scrolling to the end of the feed loads older posts in place', async (t) => {
  admin = await ready();
  const context = await newContext(hearth.browser, hearth.server);
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, bea.email, bea.password);

  // Enough posts for a second page, sent as the composer's form would send them.
  const csrf = await page.locator('form.composer input[name="csrf"]').inputValue();
  for (let n = 1; n <= 24; n += 1) {
    const response = await context.request.post('/posts', {
      form: { csrf, body: `Scroll test post number ${n}`, community: '', kind: 'discussion', back: '/' },
      maxRedirects: 0,
    });
    assert.equal(response.status(), 303, `post ${n}`);
  }
  await page.goto('/');
  const posts = page.locator('[data-feed] article.post');
  const firstPage = await posts.count();
  assert.equal(firstPage, 20, 'a page holds 20 posts');
  await markPage(page);
  await page.locator('a[data-more]').scrollIntoViewIfNeeded();
  await page.locator('[data-feed] article.post').nth(firstPage).waitFor();
  await postCard(page, 'Scroll test post number 1').waitFor();
  await assertNotReloaded(page, 'loading older posts');
  assert.equal(new URL(page.url()).search, '', 'the address stays on the first page');

  assertNoPageProblems(context);
});
