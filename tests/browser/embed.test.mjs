// Hearth inside the intranet, in a real browser: an "intranet" page served from another
// loopback port frames a community's feed and the page's comments. A signed-in person
// reads, posts and replies inside the frames; someone signed out gets the "Sign in to
// Hearth" button; a site that is not on the admin's list cannot frame anything.

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import {
  assertNoPageProblems,
  checkAccessibility,
  newContext,
  screenshot,
  sharedNetwork,
  signIn,
  useHearth,
} from './support/index.mjs';

const hearth = useHearth('embed');
const bea = { email: 'bea@example.com', name: 'Bea Costa', password: 'another long phrase' };
const ready = sharedNetwork(hearth, { people: [bea] });

// The intranet: one page that embeds Hearth, served on 127.0.0.1 (the listed site)
// and reachable as localhost too (the same server, but another site to browsers).
let intranet;
let intranetPort;
const pagePath = '/news/q3-results';

before(async () => {
  intranet = http.createServer((request, response) => {
    const community = new URL(request.url, 'http://x').searchParams.get('community') ?? '0';
    const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Q3 results</title></head>
<body><main><h1>Q3 results</h1><p>Our best quarter yet.</p>
<iframe data-hearth-embed title="Engineering on Hearth" style="width:100%;border:0"
        src="${hearth.server.url}/embed/communities/${community}"></iframe>
<h2>Comments</h2>
<iframe data-hearth-comments title="Comments on Hearth" style="width:100%;border:0"></iframe>
<script src="${hearth.server.url}/embed.js" async></script>
</main></body></html>`;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page);
  });
  await new Promise((resolve) => intranet.listen(0, '127.0.0.1', resolve));
  intranetPort = intranet.address().port;
});
after(() => intranet?.close());

const listedSite = () => `http://127.0.0.1:${intranetPort}`;
let communityId;

test('an admin lists the intranet and a member posts and comments inside its frames', async (t) => {
  const admin = await ready();
  const context = await newContext(hearth.browser, hearth.server);
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, admin.email, admin.password);

  await page.goto('/admin/embedding');
  await page.getByLabel('Sites that may embed Hearth').fill(`${listedSite()}/news`);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('alert').getByText('list the site alone, without a path').waitFor();
  await page.getByLabel('Sites that may embed Hearth').fill(listedSite());
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved.').waitFor();
  await page.locator('pre.snippet').first().waitFor();
  await screenshot(page, 'embed-admin');
  await checkAccessibility(page, 'embed-admin');

  await page.goto('/communities/new');
  await page.getByLabel('Name').fill('Engineering');
  await page.getByLabel('What is it about?').fill('Builds and releases.');
  await page.getByRole('button', { name: 'Create community' }).click();
  await page.getByRole('heading', { name: 'Engineering' }).waitFor();
  communityId = page.url().split('/').pop();
  // The refused list answered 422, which the browser logs.
  assertNoPageProblems(context, { allow: [/status of 422/] });

  // Bea is signed in to Hearth; the intranet shares its site (127.0.0.1), so the
  // frames know her at once.
  const beaContext = await newContext(hearth.browser, hearth.server);
  t.after(() => beaContext.close());
  const own = await signIn(beaContext, hearth.server, bea.email, bea.password);
  await own.goto(`/communities/${communityId}`);
  await own.getByRole('button', { name: 'Join' }).click();
  await own.getByLabel('Write a post').waitFor();

  await own.goto(`${listedSite()}${pagePath}?community=${communityId}&utm_source=mail`);
  const feed = own.frameLocator('iframe[data-hearth-embed]');
  await feed.getByLabel('Write a post').fill('Posted from the intranet news page');
  await feed.getByRole('button', { name: 'Post', exact: true }).click();
  await feed.locator('article.post').filter({ hasText: 'Posted from the intranet news page' }).waitFor();

  const comments = own.frameLocator('iframe[data-hearth-comments]');
  await comments.getByRole('heading', { name: 'Comments on Q3 results' }).waitFor();
  await comments.getByLabel('Your comment').fill('Great quarter, well done everyone!');
  await comments.getByRole('button', { name: 'Comment', exact: true }).click();
  const first = comments.locator('article.post').filter({ hasText: 'Great quarter' });
  await first.waitFor();
  await comments.getByLabel('Your reply').first().fill('And the zeppelin launch carried it.');
  await comments.getByRole('button', { name: 'Reply', exact: true }).first().click();
  await comments.locator('article.post').filter({ hasText: 'zeppelin launch' }).waitFor();

  // embed.js sizes each frame to what it shows.
  const height = await own.locator('iframe[data-hearth-comments]').evaluate((frame) => frame.getBoundingClientRect().height);
  assert.ok(height > 250, `the comments frame is ${height}px high`);
  await screenshot(own, 'embed-intranet-page');

  // In Hearth, the comments are a discussion that names its page.
  await own.goto('/');
  const card = own.locator('article.post').filter({ hasText: 'Great quarter' });
  await card.getByText('commented on').waitFor();
  await card.getByRole('link', { name: 'Q3 results' }).waitFor();
  await own.goto('/search?q=results');
  await own.locator('main article, main li').filter({ hasText: 'Q3 results' }).first().waitFor();
  assertNoPageProblems(beaContext);
});

test('the embedded pages read well on a phone and in the dark', async (t) => {
  await ready();
  for (const [label, options] of [
    ['phone', { viewport: { width: 390, height: 844 } }],
    ['dark', { colorScheme: 'dark' }],
  ]) {
    const context = await newContext(hearth.browser, hearth.server, options);
    t.after(() => context.close());
    const page = await signIn(context, hearth.server, bea.email, bea.password);
    // The intranet page's own parameters are part of its address; tracking ones are not.
    const url = `${listedSite()}${pagePath}?community=${communityId}`;
    const query = new URLSearchParams({ url, title: 'Q3 results' });
    await page.goto(`/embed/comments?${query}`);
    await page.locator('article.post').filter({ hasText: 'Great quarter' }).waitFor();
    await screenshot(page, `embed-comments-${label}`);
    await checkAccessibility(page, `embed-comments-${label}`);
    await page.goto(`/embed/communities/${communityId}`);
    await page.locator('article.post').filter({ hasText: 'Posted from the intranet' }).waitFor();
    await screenshot(page, `embed-community-${label}`);
    await checkAccessibility(page, `embed-community-${label}`);
    if (label === 'phone') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the embedded feed is ${overflow}px wider than a 390 px screen`);
    }
    assertNoPageProblems(context);
  }
});

test('someone signed out gets a button, and an unlisted site frames nothing', async (t) => {
  await ready();
  const context = await newContext(hearth.browser, hearth.server);
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${listedSite()}${pagePath}?community=${communityId}`);
  const feed = page.frameLocator('iframe[data-hearth-embed]');
  await feed.getByRole('link', { name: 'Sign in to Hearth' }).waitFor();
  assert.equal(await feed.locator('input[type="password"]').count(), 0, 'no password field inside a frame');
  await checkAccessibility(page, 'embed-signed-out');
  assertNoPageProblems(context);

  // The same page on a site the admin did not list: the browser refuses both frames.
  const elsewhere = await newContext(hearth.browser, hearth.server);
  t.after(() => elsewhere.close());
  const other = await elsewhere.newPage();
  await other.goto(`http://localhost:${intranetPort}${pagePath}?community=${communityId}`);
  // Both frames must have been tried and refused: Chromium shows its error page in
  // a frame whose ancestor the policy does not list.
  await other.waitForFunction(() => document.querySelectorAll('iframe').length === 2);
  const children = () => other.frames().filter((f) => f !== other.mainFrame());
  for (let tries = 0; tries < 100 && !children().every((f) => f.url().startsWith('chrome-error:')); tries++) {
    await other.waitForTimeout(100);
  }
  assert.equal(children().length, 2);
  for (const frame of children()) {
    assert.ok(frame.url().startsWith('chrome-error:'), `a frame was not refused: ${frame.url()}`);
    const shown = await frame.content().catch(() => '');
    assert.ok(!shown.includes('Sign in to Hearth'), `a frame showed Hearth on an unlisted site: ${frame.url()}`);
  }
  assertNoPageProblems(elsewhere, { allow: [/frame-ancestors|Refused to frame|ancestor violates/i] });
});
