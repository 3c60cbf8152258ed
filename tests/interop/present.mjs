// Issues an SD-JWT VC and presents it with key binding, entirely with @sd-jwt/sd-jwt-vc, for Legitka to verify.
// stdin: {"nonce": "...", "audience": "...", "vct": "...", "statusUri": "..."?, "statusIndex": n?}
// stdout: {"presentation": "...", "jwks": {"keys": [...]}, "issuerPublicJwk": {...}}
import { ES256 } from '@sd-jwt/crypto-nodejs';
import { instance, readInput, write } from './common.mjs';

const input = await readInput();
const issuer = await ES256.generateKeyPair();
const holder = await ES256.generateKeyPair();
const kid = 'interop-issuer-1';
const sdjwt = await instance({ issuerPrivateJwk: issuer.privateKey, issuerPublicJwk: issuer.publicKey, holderPrivateJwk: holder.privateKey });

const now = Math.floor(Date.now() / 1000);
const claims = {
  iss: 'https://interop.example.org',
  iat: now,
  exp: now + 3600,
  vct: input.vct,
  cnf: { jwk: { kty: 'EC', crv: 'P-256', x: holder.publicKey.x, y: holder.publicKey.y } },
  given_name: 'Zofia',
  family_name: 'Wiśniewska',
  birthdate: '2010-03-14',
  address: { street_address: 'ul. Szkolna 1', locality: 'Łódź', postal_code: '90-002', country: 'PL' },
  expiry_date: '2026-09-30',
};
if (input.statusUri) claims.status = { status_list: { idx: input.statusIndex ?? 0, uri: input.statusUri } };

const credential = await sdjwt.issue(
  claims,
  { _sd: ['given_name', 'family_name', 'birthdate', 'address', 'expiry_date'], address: { _sd: ['street_address', 'locality', 'postal_code'] }, _sd_decoy: 2 },
  { header: { kid } },
);
const presentation = await sdjwt.present(
  credential,
  { given_name: true, family_name: true, address: { locality: true }, expiry_date: true },
  { kb: { payload: { iat: now, aud: input.audience, nonce: input.nonce } } },
);
write({ presentation, jwks: { keys: [{ ...issuer.publicKey, kid }] }, issuerPublicJwk: issuer.publicKey });
