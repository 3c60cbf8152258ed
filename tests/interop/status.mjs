// Token Status List interop with @sd-jwt/jwt-status-list.
// {"mode":"decode","token":"...","indexes":[...]}  -> {"bits": n, "statuses": [...]}  (reads a list Legitka made)
// {"mode":"create","size":n,"bits":b,"entries":{"idx":value},"uri":"..."} -> {"token": "...", "jwks": {...}} (a list for Legitka to read)
import { StatusList, createHeaderAndPayload, getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { ES256 } from '@sd-jwt/crypto-nodejs';
import { base64url, readInput, write } from './common.mjs';

const input = await readInput();
try {
  if (input.mode === 'decode') {
    const list = getListFromStatusListJWT(input.token);
    write({ bits: list.getBitsPerStatus(), statuses: input.indexes.map((i) => list.getStatus(i)) });
  } else {
    const list = new StatusList(new Array(input.size).fill(0), input.bits);
    for (const [index, value] of Object.entries(input.entries)) list.setStatus(Number(index), value);
    const keys = await ES256.generateKeyPair();
    const now = Math.floor(Date.now() / 1000);
    const { header, payload } = createHeaderAndPayload(
      list,
      { iss: 'https://interop.example.org', sub: input.uri, iat: now, exp: now + 3600, ttl: 300 },
      { alg: 'ES256', typ: 'statuslist+jwt', kid: 'interop-status-1' },
    );
    const signingInput = `${base64url(header)}.${base64url(payload)}`;
    const signature = await (await ES256.getSigner(keys.privateKey))(signingInput);
    write({ token: `${signingInput}.${signature}`, jwks: { keys: [{ ...keys.publicKey, kid: 'interop-status-1' }] } });
  }
} catch (error) {
  write({ error: String(error?.message ?? error) });
}
