// One server and one browser per test file, started before its first test and
// stopped after its last. Files run in separate processes, each with its own.

import { after, before } from 'node:test';
import { launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';

/**
 * Call at the top of a test file. The returned object gets `server` and `browser`
 * once the file's `before` hook has run, so read them inside tests, not at load.
 */
export function useHearth(label, { demo = false } = {}) {
  const hearth = {};
  before(async () => {
    hearth.server = await startServer({ label, demo });
    hearth.browser = await launchBrowser();
  });
  after(async () => {
    await hearth.browser?.close();
    await hearth.server?.stop();
  });
  return hearth;
}
