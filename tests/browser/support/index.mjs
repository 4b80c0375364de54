// Everything a browser test needs, from one place.

export { useHearth } from './fixture.mjs';
export { startServer, runHearth } from './server.mjs';
export { launchBrowser, newContext, screenshot, checkAccessibility, assertNoPageProblems } from './browser.mjs';
export {
  defaultAdmin,
  setUpNetwork,
  openSetUp,
  submitSetUp,
  signIn,
  submitSignIn,
  signOut,
  assertSignedInAs,
  createPerson,
  sharedNetwork,
} from './accounts.mjs';
