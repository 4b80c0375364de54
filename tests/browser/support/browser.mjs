// Debian's Chromium driven by playwright-core (which never downloads a browser), plus
// the checks every page should pass: screenshots to look at, axe-core for
// accessibility, and no console errors or Content-Security-Policy violations.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { logDir, screenshotDir } from './paths.mjs';

export const chromiumPath = process.env.HEARTH_CHROMIUM ?? '/usr/bin/chromium';

// Generous: the machine is small and shared, and Argon2 makes sign-in slow on purpose.
const ACTION_TIMEOUT_MS = 30_000;
const NAVIGATION_TIMEOUT_MS = 60_000;

export async function launchBrowser() {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `no Chromium at ${chromiumPath}: install Debian's package (apt-get install chromium), ` +
        'or point HEARTH_CHROMIUM at a Chromium binary',
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: NAVIGATION_TIMEOUT_MS,
  });
}

/**
 * A fresh browser profile (no cookies) whose relative URLs resolve against the
 * server, and whose pages are watched for console errors (see assertNoPageProblems).
 */
export async function newContext(browser, server, options = {}) {
  const context = await browser.newContext({ baseURL: server.url, ...options });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  watchForProblems(context);
  return context;
}

/** Saves a full-page PNG as target/screenshots/<name>.png and returns its path. */
export async function screenshot(page, name) {
  await fsp.mkdir(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  // From the top, so the sticky header sits where a reader sees it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const problemsByContext = new WeakMap();

// Chromium reports a blocked inline script or style, like any script error, as a
// console error; collecting those catches CSP violations without a page hook.
function watchForProblems(context) {
  const problems = [];
  problemsByContext.set(context, problems);
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    const kind = /Content Security Policy|Refused to/i.test(message.text()) ? 'CSP violation' : 'console error';
    // The location names the failing resource of a "Failed to load resource" error.
    const source = message.location().url || 'unknown source';
    problems.push(`${kind} on ${message.page()?.url() ?? 'a page'}: ${message.text()} (${source})`);
  });
  context.on('weberror', (error) => {
    problems.push(`uncaught error on ${error.page()?.url() ?? 'a page'}: ${error.error().message}`);
  });
}

/**
 * Fails when any page of the context logged a console error, threw, or broke the
 * Content-Security-Policy. `allow` lists regular expressions for messages a test
 * expects (for example the 401 a refused sign-in answers with).
 */
export function assertNoPageProblems(context, { allow = [] } = {}) {
  const problems = problemsByContext.get(context);
  assert.ok(problems, 'assertNoPageProblems needs a context made by newContext');
  const unexpected = problems.filter((problem) => !allow.some((pattern) => pattern.test(problem)));
  assert.deepEqual(unexpected, [], `pages logged problems:\n${unexpected.join('\n')}`);
}

const require = createRequire(import.meta.url);
let axeSource;

/**
 * Runs axe-core on the page and fails on any serious or critical violation. Every
 * violation, minor ones included, is saved to target/browser-tests/axe/<name>.json.
 *
 * The pages' CSP forbids inline scripts, so axe is not added as a <script> tag: it
 * is evaluated through the DevTools protocol, which the CSP does not govern.
 */
export async function checkAccessibility(page, name) {
  axeSource ??= await fsp.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(axeSource);
  }
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));

  const reportDir = path.join(logDir, 'axe');
  await fsp.mkdir(reportDir, { recursive: true });
  await fsp.writeFile(path.join(reportDir, `${name}.json`), JSON.stringify(violations, null, 2));

  const blocking = violations.filter((violation) => ['serious', 'critical'].includes(violation.impact));
  assert.deepEqual(
    blocking.map(describeViolation),
    [],
    `${name} (${page.url()}) has serious accessibility problems:\n${blocking.map(describeViolation).join('\n')}`,
  );
}

function describeViolation(violation) {
  const targets = violation.nodes.map((node) => node.target.join(' ')).join(', ');
  return `${violation.impact} ${violation.id}: ${violation.help} (${targets})`;
}
