// Articles in a real browser: written from the Articles page, autosaved as it is
// typed, previewed with a cover, published to a reading page with a table of contents,
// then found on the home feed by a colleague who likes it, joins the discussion and
// follows its author (with a feed for feed readers), and counted as read for the
// author. The editor and the list with a draft on a phone in the dark; a draft deleted
// only once confirmed. The tests share one server and run in order.

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

const hearth = useHearth('articles');
const bea = { email: 'bea@example.com', name: 'Bea Costa', password: 'another long phrase' };
const ready = sharedNetwork(hearth, { people: [bea] });

const title = 'Our plan for the next quarter';
const summary = 'What we ship first, and why it cannot wait.';
const body = [
  'Two parts, one after the other.',
  '',
  '## The plan',
  '',
  'We ship the new onboarding first, then the reports.',
  '',
  '## Why now',
  '',
  'Customers have asked for it all year.',
].join('\n');

// A 4×3 orange PNG, made by hand so the test needs no image library.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGM4EaABRww4OQAsNg8BoqhHXQAAAABJRU5ErkJggg==',
  'base64',
);

const PHONE = { width: 390, height: 844 };
const READING_PAGE = /\/articles\/\d+\/(?!edit$)[\w-]+$/;

/** Where the published article lives, for the later tests. */
let articlePath;

function editor(page) {
  return page.locator('form.article-editor');
}

/**
 * Resolves with the editor's autosave of exactly these fields (a form sends a
 * textarea's line breaks as CRLF).
 */
function autosaveOf(page, wanted) {
  return page.waitForResponse((response) => {
    const request = response.request();
    if (request.method() !== 'POST' || !new URL(request.url()).pathname.endsWith('/edit')) return false;
    const sent = new URLSearchParams(request.postData() ?? '');
    return sent.get('action') === 'autosave' && Object.entries(wanted).every(([name, value]) => sent.get(name)?.replace(/\r\n/g, '\n') === value);
  });
}

/** Resolves when the reading page's script has told the server the article was read. */
function readBeacon(page) {
  return page.waitForResponse(
    (response) => response.request().method() === 'POST' && /^\/articles\/\d+\/read$/.test(new URL(response.url()).pathname),
    { timeout: 60_000 },
  );
}

async function assertFitsPhone(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what} is ${overflow}px wider than a 390 px screen`);
}

test('an article is written, autosaved, published, read, liked, discussed and followed', async (t) => {
  const admin = await ready();
  const authorContext = await newContext(hearth.browser, hearth.server);
  const readerContext = await newContext(hearth.browser, hearth.server);
  t.after(() => Promise.all([authorContext.close(), readerContext.close()]));
  const author = await signIn(authorContext, hearth.server, admin.email, admin.password);

  // From the home page to an empty draft in the editor.
  await author.getByRole('link', { name: 'Articles: long reads and columns, or write one' }).click();
  await author.getByRole('heading', { name: 'Articles', level: 1 }).waitFor();
  await author.getByText(/^No articles yet\./).waitFor();
  await author.getByRole('button', { name: 'Write an article' }).click();
  await author.waitForURL(/\/articles\/\d+\/edit$/);
  const editorPath = new URL(author.url()).pathname;
  const form = editor(author);
  assert.equal(await form.getAttribute('data-autosave'), 'on');
  await form.getByRole('status').getByText('A draft: only you see it.', { exact: false }).waitFor();

  // Typing is saved a second after it stops, and the status line says so.
  const saved = autosaveOf(author, { title, summary, body });
  await form.getByLabel('Title', { exact: true }).fill(title);
  await form.getByLabel(/^Summary/).fill(summary);
  await form.getByLabel('Article', { exact: true }).fill(body);
  assert.equal((await saved).status(), 200);
  await form.getByRole('status').filter({ hasText: /^\s*Saved\s*$/ }).waitFor();

  // Nothing was sent but the autosave, and a reload shows what it kept.
  await author.reload();
  assert.equal(new URL(author.url()).pathname, editorPath);
  assert.equal(await form.getByLabel('Title', { exact: true }).inputValue(), title);
  assert.equal(await form.getByLabel(/^Summary/).inputValue(), summary);
  assert.equal(await form.getByLabel('Article', { exact: true }).inputValue(), body);

  // A cover, from the card below the editor.
  const cover = author.locator('section', { has: author.getByRole('heading', { name: 'Cover image' }) });
  await cover
    .getByLabel('An image for the top of the article and its card')
    .setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: PNG });
  await cover.getByRole('button', { name: 'Use as cover' }).click();
  await author.getByRole('img', { name: 'The current cover' }).waitFor();
  assert.equal(await form.getByLabel('Title', { exact: true }).inputValue(), title, 'the cover lost the title');

  // An image in the body where the cursor is: uploaded as it is chosen, written in
  // as its own line, and autosaved like typing.
  const bodyField = form.getByLabel('Article', { exact: true });
  await bodyField.focus();
  await bodyField.evaluate((field) => {
    const at = field.value.indexOf('## Why now');
    field.setSelectionRange(at, at);
  });
  const files = form.getByRole('group', { name: 'Images and files in the body' });
  await files.getByLabel('Image description (optional)').fill('An orange square');
  const savedWithImage = author.waitForResponse((response) => {
    const sent = new URLSearchParams(response.request().postData() ?? '');
    return sent.get('action') === 'autosave' && /!\[An orange square\]\(\/files\/\d+\/large\)/.test(sent.get('body') ?? '');
  });
  await files.getByLabel('Add images or files').setInputFiles({ name: 'square.png', mimeType: 'image/png', buffer: PNG });
  await files.getByRole('status').getByText('square.png is in the body where the cursor was.').waitFor();
  assert.equal((await savedWithImage).status(), 200);
  const written = await bodyField.inputValue();
  assert.match(written, /Customers|all year/, 'the body lost its words');
  assert.match(written, /\n\n!\[An orange square\]\(\/files\/\d+\/large\)\n\n## Why now/, `not where the cursor was: ${written}`);

  // The preview shows the article as it will read, contents included.
  await form.getByRole('button', { name: 'Preview' }).click();
  const preview = author.getByRole('region', { name: 'Preview' });
  await preview.getByRole('heading', { name: 'Why now' }).waitFor();
  await preview.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: 'The plan' }).waitFor();
  await preview.getByRole('img', { name: 'An orange square' }).waitFor();
  await screenshot(author, 'article-editor');
  await checkAccessibility(author, 'article-editor');

  await form.getByRole('button', { name: 'Publish now' }).click();
  await author.waitForURL(READING_PAGE);
  articlePath = new URL(author.url()).pathname;
  const reading = author.locator('article.article');
  await reading.getByRole('heading', { name: title, level: 1 }).waitFor();
  await reading.getByText(summary).waitFor();
  await reading.locator('.author-card').getByRole('link', { name: admin.name }).waitFor();
  await reading.getByText(/\d+ min read/).waitFor();
  await reading.getByText('read by 0 people').waitFor();
  await reading.getByRole('link', { name: 'Edit article' }).waitFor();
  assert.equal(await reading.locator('img.article-cover').count(), 1, 'no cover on the reading page');
  assert.equal(await reading.getByRole('button', { name: /^Tell me of new articles by/ }).count(), 0,
    'the author is offered to follow themselves');

  // The table of contents leads to the headings.
  const contents = reading.getByRole('navigation', { name: 'Contents' });
  const toWhyNow = contents.getByRole('link', { name: 'Why now' });
  assert.equal(await toWhyNow.getAttribute('href'), '#section-why-now');
  assert.equal(await contents.getByRole('link', { name: 'The plan' }).getAttribute('href'), '#section-the-plan');
  const whyNow = reading.getByRole('heading', { name: 'Why now', level: 2 });
  assert.equal(await whyNow.getAttribute('id'), 'section-why-now');
  await toWhyNow.click();
  await author.waitForURL((url) => url.hash === '#section-why-now');
  assert.ok(await whyNow.evaluate((h) => {
    const { top, bottom } = h.getBoundingClientRect();
    return top >= 0 && bottom <= window.innerHeight;
  }), 'the heading is not on screen after following its link');

  // The discussion and reactions sit under the article.
  await author.getByRole('region', { name: 'No replies yet' }).getByLabel('Your reply').waitFor();
  await reading.getByRole('group', { name: 'Reactions' }).getByRole('button', { name: /Like/ }).waitFor();

  await screenshot(author, 'article-reading');
  await checkAccessibility(author, 'article-reading');
  await author.emulateMedia({ colorScheme: 'dark' });
  await screenshot(author, 'article-reading-dark');
  await checkAccessibility(author, 'article-reading-dark');
  await author.setViewportSize(PHONE);
  await screenshot(author, 'article-reading-phone');
  await checkAccessibility(author, 'article-reading-phone');
  await assertFitsPhone(author, 'the reading page');
  await author.setViewportSize({ width: 1280, height: 720 });
  await author.emulateMedia({ colorScheme: 'light' });

  // A colleague finds it on the home feed as a card, not as its body.
  const reader = await signIn(readerContext, hearth.server, bea.email, bea.password);
  const card = reader.locator('article.post').filter({ hasText: title }).first().locator('.article-card');
  await card.getByText(summary).waitFor();
  await card.getByText(/\d+ min read/).waitFor();
  assert.equal(await card.locator('img.article-cover').count(), 1, 'no cover on the card');
  assert.equal(await reader.getByText('Customers have asked for it all year.').count(), 0, 'the feed shows the body');
  await screenshot(reader, 'article-home-card');
  await checkAccessibility(reader, 'article-home-card');

  // Opened, it counts as read once it has been on screen for five seconds.
  const read = readBeacon(reader);
  await card.getByRole('link', { name: title }).click();
  await reader.waitForURL((url) => url.pathname === articlePath);
  const opened = reader.locator('article.article');
  await opened.getByRole('heading', { name: title, level: 1 }).waitFor();
  assert.equal(await opened.getByRole('link', { name: 'Edit article' }).count(), 0);
  assert.equal(await opened.getByText(/read by \d/).count(), 0, 'a reader sees the count of reads');
  const inBody = opened.locator('.article-body').getByRole('img', { name: 'An orange square' });
  await inBody.waitFor();
  assert.ok(await inBody.evaluate((img) => img.complete && img.naturalWidth === 4), 'the body\'s image does not load for a reader');

  // Liked (the like stays, and the article names who liked it) ...
  await opened.locator('.post-actions').getByRole('button', { name: /Like/ }).click();
  await reader
    .locator('article.article .post-actions button[aria-pressed="true"]', { hasText: 'Like' })
    .waitFor();
  // The like is sent in the background; who liked it shows on the next visit.
  await reader.reload();
  const likers = reader.locator('article.article p.likers');
  await likers.getByText('1 colleague likes this:').waitFor();
  await likers.getByRole('link', { name: bea.name }).waitFor();

  // ... and answered in the discussion below it.
  await reader.getByLabel('Your reply').first().fill('Onboarding first makes sense to me.');
  await reader.getByRole('button', { name: 'Reply', exact: true }).first().click();
  const replies = reader.locator('section.replies');
  await replies.locator('article.post').filter({ hasText: 'Onboarding first makes sense to me.' }).waitFor();
  await screenshot(reader, 'article-discussion');
  await checkAccessibility(reader, 'article-discussion');

  assert.equal((await read).status(), 204);

  // Following the author lands on the notification settings, which list it.
  await reader.getByRole('button', { name: `Tell me of new articles by ${admin.name}` }).click();
  await reader.waitForURL((url) => url.pathname === '/settings/notifications');
  await reader.getByRole('heading', { name: 'New articles you follow' }).waitFor();
  await reader.locator('ul.subscriptions').getByText(`Articles by ${admin.name}`).waitFor();

  // Feeds for feed readers: turned on, the author's feed opens with its key alone.
  await reader.getByRole('heading', { name: 'Article feeds for feed readers' }).waitFor();
  await reader.getByRole('button', { name: 'Turn on article feeds' }).click();
  const authorFeed = reader.locator('ul.feed-urls li', { hasText: `Articles by ${admin.name}` }).locator('code');
  const feedUrl = new URL(await authorFeed.innerText());
  assert.match(feedUrl.pathname, /^\/feeds\/articles\/author\/\d+$/);
  assert.ok(feedUrl.searchParams.get('key'), 'the feed URL has no key');
  await screenshot(reader, 'article-settings');
  await checkAccessibility(reader, 'article-settings');
  const feed = await fetch(new URL(feedUrl.pathname + feedUrl.search, hearth.server.url));
  assert.equal(feed.status, 200);
  assert.match(feed.headers.get('content-type'), /^application\/atom\+xml/);
  assert.ok((await feed.text()).includes(title), 'the author feed lacks the article');

  // The author sees the read, once the server has it.
  const deadline = Date.now() + 15_000;
  for (;;) {
    await author.reload();
    if ((await author.locator('article.article').getByText('read by 1 person').count()) > 0) break;
    assert.ok(Date.now() < deadline, 'the author never saw "read by 1 person"');
    await author.waitForTimeout(1_000);
  }

  assertNoPageProblems(authorContext);
  assertNoPageProblems(readerContext);
});

test('the editor and the list of drafts read well on a phone in the dark; a draft goes only once confirmed', async (t) => {
  const admin = await ready();
  assert.ok(articlePath, 'the first test published no article');
  const context = await newContext(hearth.browser, hearth.server, { viewport: PHONE, colorScheme: 'dark' });
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, admin.email, admin.password);

  await page.goto('/articles');
  await page.locator('.article-card').getByRole('link', { name: title }).waitFor();
  await page.getByRole('button', { name: 'Write an article' }).click();
  await page.waitForURL(/\/articles\/\d+\/edit$/);
  const form = editor(page);
  await form.getByLabel('Publish to').waitFor();
  await form.getByLabel('Publish at').waitFor();
  await form.getByRole('button', { name: 'Schedule' }).waitFor();
  await screenshot(page, 'article-editor-phone-dark');
  await checkAccessibility(page, 'article-editor-phone-dark');
  await assertFitsPhone(page, 'the editor');

  const draftTitle = 'Notes for the all-hands';
  const saved = autosaveOf(page, { title: draftTitle });
  await form.getByLabel('Title', { exact: true }).fill(draftTitle);
  assert.equal((await saved).status(), 200);
  await form.getByRole('status').filter({ hasText: /^\s*Saved\s*$/ }).waitFor();
  const editorPath = new URL(page.url()).pathname;

  await page.goto('/articles');
  const drafts = page.getByRole('region', { name: 'Your drafts' });
  await drafts.getByRole('link', { name: draftTitle }).waitFor();
  await screenshot(page, 'articles-phone-dark');
  await checkAccessibility(page, 'articles-phone-dark');
  await assertFitsPhone(page, 'the list of articles');

  // "Delete draft" asks first: cancelled, the draft stays; confirmed, it goes.
  await drafts.getByRole('link', { name: draftTitle }).click();
  await page.waitForURL((url) => url.pathname === editorPath);
  const asked = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    return dialog.dismiss();
  });
  await form.getByRole('button', { name: 'Delete draft' }).click();
  assert.deepEqual(asked, ['Delete this draft for good?']);
  assert.equal(new URL(page.url()).pathname, editorPath);
  await page.reload();
  assert.equal(await form.getByLabel('Title', { exact: true }).inputValue(), draftTitle);

  page.once('dialog', (dialog) => dialog.accept());
  await form.getByRole('button', { name: 'Delete draft' }).click();
  await page.waitForURL((url) => url.pathname === '/articles');
  await page.getByRole('heading', { name: 'Articles', level: 1 }).waitFor();
  assert.equal(await page.getByRole('link', { name: draftTitle }).count(), 0, 'the deleted draft is still listed');
  await page.locator('.article-card').getByRole('link', { name: title }).waitFor();

  assertNoPageProblems(context);
});
