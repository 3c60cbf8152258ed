// Peer benchmark: @sd-jwt/sd-jwt-vc issuing and verifying the same mLegitymacja as `legitka bench credentials`
// (every claim, 15 KB portrait, recursive address, 3 decoys; a presentation of five claims with key binding).
// One thread (node is single-threaded); one warm-up second per workload. Prints one JSON object.
import { randomBytes } from 'node:crypto';
import { ES256 } from '@sd-jwt/crypto-nodejs';
import { instance } from './common.mjs';

const seconds = Number(process.argv[2] ?? 3);
const issuer = await ES256.generateKeyPair();
const holder = await ES256.generateKeyPair();
const sdjwt = await instance({ issuerPrivateJwk: issuer.privateKey, issuerPublicJwk: issuer.publicKey, holderPrivateJwk: holder.privateKey });

const portrait = randomBytes(15 * 1024);
const now = Math.floor(Date.now() / 1000);
const address = { street_address: 'ul. Świętokrzyska 12/4', locality: 'Łódź', postal_code: '90-001', country: 'PL' };
const claims = {
  iss: 'https://szkola.example.pl', iat: now, exp: now + 86400 * 300, vct: 'urn:legitka:mlegitymacja:1',
  cnf: { jwk: { kty: 'EC', crv: 'P-256', x: holder.publicKey.x, y: holder.publicKey.y } },
  given_name: 'Zofia Maria', family_name: 'Wiśniewska-Żółkiewska', birthdate: '2010-03-14', age_in_years: 15, age_over_18: false,
  pesel: '10231401238', address, document_number: '123/2024', issue_date: '2024-09-02', expiry_date: '2026-09-30', student_status: 'pupil',
  school: { name: 'Szkoła Podstawowa nr 5 im. Marii Skłodowskiej-Curie', address: { ...address, street_address: 'ul. Szkolna 1' }, rspo: '12345' },
  portrait: 'data:image/jpeg;base64,' + portrait.toString('base64'),
};
const frame = {
  _sd: ['given_name', 'family_name', 'birthdate', 'age_in_years', 'age_over_18', 'pesel', 'address', 'document_number', 'issue_date', 'expiry_date', 'student_status', 'school', 'portrait'],
  address: { _sd: ['street_address', 'locality', 'postal_code', 'country'] },
  _sd_decoy: 3,
};

async function perSecond(work) {
  for (const until = Date.now() + 1000; Date.now() < until;) await work();
  let count = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(seconds * 1e9);
  while (process.hrtime.bigint() < end) { await work(); count++; }
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

const credential = await sdjwt.issue(claims, frame);
const presentation = await sdjwt.present(credential,
  { given_name: true, family_name: true, portrait: true, expiry_date: true, school: true },
  { kb: { payload: { iat: now, aud: 'https://inspector.example.pl', nonce: 'n-0S6_WzA2Mj' } } });

const issuePerSecond = await perSecond(() => sdjwt.issue(claims, frame));
const verifyPerSecond = await perSecond(() => sdjwt.verify(presentation, { keyBindingNonce: 'n-0S6_WzA2Mj' }));
process.stdout.write(JSON.stringify({ implementation: '@sd-jwt/sd-jwt-vc 0.19.0', node: process.version, issue_per_s: Math.round(issuePerSecond), verify_kb_per_s: Math.round(verifyPerSecond) }) + '\n');
