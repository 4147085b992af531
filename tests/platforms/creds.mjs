// The fixed test credentials of the platform double (tests/platforms/
// README.md). Test-only values: none of them is a real secret.

export const mastodon = Object.freeze({
  token: 'masto-token',
  accountId: '110000000000000001',
  username: 'clinic',
});

export const bluesky = Object.freeze({
  identifier: 'clinic.test',
  handle: 'clinic.test',
  password: 'bsky-app-password',
  did: 'did:plc:clinictest000000000000',
});

export const x = Object.freeze({
  consumerKey: 'x-consumer-key',
  consumerSecret: 'x-consumer-secret',
  token: 'x-access-token',
  tokenSecret: 'x-token-secret',
  userId: '1500',
  username: 'clinic',
});

export const facebook = Object.freeze({
  pageId: '1000',
  pageToken: 'fb-page-token',
  appSecret: 'fb-app-secret',
  pageName: 'Clinic',
});

export const linkedin = Object.freeze({
  token: 'li-token',
  version: '202510',
  orgId: '2000',
  org: 'urn:li:organization:2000',
});

export const webhook = Object.freeze({
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
});

/** The base URLs Clearpost is given for a double on port. */
export function bases(port) {
  const root = `http://127.0.0.1:${port}`;
  return Object.freeze({
    root,
    mastodon: `${root}/mastodon`,
    bluesky: `${root}/bsky`,
    x: `${root}/x`,
    facebook: `${root}/fb`,
    linkedin: `${root}/li/rest`,
    webhook: (name) => `${root}/hook/${name}`,
  });
}
