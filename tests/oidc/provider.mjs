// A real OpenID Connect provider (the `oidc-provider` package) on loopback, for
// Hearth's single sign-on tests (crates/hearth/tests/http/oidc.rs).
//
// It listens on a free port first and prints {"issuer": "..."} on stdout, because the
// server under test needs the issuer before it starts, and the provider needs the
// server's redirect URI before it can register its client. The test then writes one
// JSON line on stdin:
//   {"redirect_uri": "...", "client_id": "...", "client_secret": "...",
//    "code_ttl_secs": 60, "id_token_audience": null, "claims_from_userinfo": false,
//    "userinfo_subject": null}
// and the provider answers {"ready": true}. It exits when stdin closes, so a test that
// ends (or crashes) never leaves it running.
//
// `id_token_audience`, when given, makes the provider lie: it re-signs every ID token
// it issues with that audience instead of the client's, so the test can check that
// Hearth refuses an ID token meant for someone else.
//
// `claims_from_userinfo` makes the provider do what OpenID Connect Core 1.0 §5.4
// allows with the code flow: claims requested by scope go only into the UserInfo
// answer, and the ID token names no more than the subject (`conformIdTokenClaims`).
// `userinfo_subject`, when given, makes the UserInfo answer name that subject instead
// of the signed-in one, so the test can check that Hearth refuses it.
//
// Test accounts sign in with the password "correct horse" through a minimal login
// form at /interaction/<uid> (POST /interaction/<uid>/login); consent is implied.

import { createSign, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import Provider from 'oidc-provider';

const PASSWORD = 'correct horse';

const ACCOUNTS = {
  ana: {
    email: 'ana@acme.test', email_verified: true, name: 'Ana Lima',
    department: 'Logistics', title: 'Dispatcher',
  },
  ben: {
    email: 'ben@acme.test', email_verified: true, name: 'Ben Okafor',
    department: 'Finance', title: 'Controller',
  },
  dora: {
    email: 'dora@acme.test', email_verified: true, name: 'Dora Nagy',
    department: 'Sales', title: 'Account manager',
  },
  // Claims an e-mail address the provider has not verified.
  mallory: { email: 'ben@acme.test', email_verified: false, name: 'Mallory' },
  // A second account at the provider with ben's (verified) address.
  ben2: { email: 'ben@acme.test', email_verified: true, name: 'Ben Again' },
  // An address nobody has in Hearth, not verified by the provider.
  eve: { email: 'eve@acme.test', email_verified: false, name: 'Eve' },
  // The provider releases no e-mail address for this one.
  noemail: { name: 'No Email' },
};

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };

let handler = null;
const server = createServer((req, res) => {
  if (handler) {
    handler(req, res);
  } else {
    res.statusCode = 503;
    res.end('not configured yet');
  }
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
  const lines = createInterface({ input: process.stdin });
  lines.once('line', (line) => {
    handler = configure(issuer, JSON.parse(line)).callback();
    process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  });
  lines.on('close', () => process.exit(0));
  // The test may stop reading before the provider stops writing; that is no reason
  // to stop serving.
  process.stdout.on('error', () => {});
});

function configure(issuer, options) {
  const provider = new Provider(issuer, {
    clients: [{
      client_id: options.client_id,
      client_secret: options.client_secret,
      redirect_uris: [options.redirect_uri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [signingKey] },
    cookies: { keys: ['only-for-tests'] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'department', 'title'],
    },
    // Claims go into the ID token itself, as most company providers send them,
    // unless the test asks for them in UserInfo only.
    conformIdTokenClaims: options.claims_from_userinfo ?? false,
    features: { devInteractions: { enabled: false } },
    ttl: { AuthorizationCode: options.code_ttl_secs ?? 60 },
    async findAccount(ctx, sub) {
      const account = ACCOUNTS[sub];
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
    // A first-party client: every requested scope is granted without a consent page.
    async loadExistingGrant(ctx) {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId || oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
      grant.addOIDCScope([...oidc.requestParamScopes].join(' '));
      await grant.save();
      return grant;
    },
  });

  provider.use(async (ctx, next) => {
    const login = ctx.path.match(/^\/interaction\/([^/]+)(\/login)?$/);
    if (!login) {
      await next();
      if (options.id_token_audience && ctx.path === '/token' && ctx.body?.id_token) {
        ctx.body = { ...ctx.body, id_token: resign(ctx.body.id_token, options.id_token_audience) };
      }
      if (options.userinfo_subject && ctx.path === '/me' && ctx.body?.sub) {
        ctx.body = { ...ctx.body, sub: options.userinfo_subject };
      }
      return;
    }
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (ctx.method === 'GET' && !login[2]) {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>Sign in to the test provider</title>
<form method="post" action="/interaction/${details.uid}/login">
<input name="login"><input name="password" type="password"><button>Sign in</button></form>`;
      return;
    }
    if (ctx.method !== 'POST' || !login[2]) {
      ctx.status = 405;
      return;
    }
    const form = new URLSearchParams(await readBody(ctx.req));
    const accountId = form.get('login');
    if (!ACCOUNTS[accountId] || form.get('password') !== PASSWORD) {
      ctx.status = 401;
      ctx.body = 'wrong login or password';
      return;
    }
    await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId } }, { mergeWithLastSubmission: false });
    ctx.respond = false;
  });
  return provider;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

// Re-signs a JWT with another audience, keeping its header (and so its key id).
function resign(jwt, audience) {
  const [header, payload] = jwt.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  claims.aud = audience;
  const body = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url');
  return `${body}.${signature}`;
}
