// Verifies a credential or presentation produced by Legitka with @sd-jwt/sd-jwt-vc.
// stdin: {"sdJwt": "...", "issuerPublicJwk": {...}, "nonce": "..."?, "statusListToken": "..."?}
// stdout: {"valid": true, "claims": {...}, "keyBound": bool} or {"valid": false, "error": "..."}
import { instance, readInput, write } from './common.mjs';

const input = await readInput();
try {
  const sdjwt = await instance({ issuerPublicJwk: input.issuerPublicJwk, statusListToken: input.statusListToken });
  const options = input.nonce ? { keyBindingNonce: input.nonce } : {};
  const result = await sdjwt.verify(input.sdJwt, options);
  const claims = await sdjwt.getClaims(input.sdJwt);
  write({ valid: true, claims, keyBound: result.kb !== undefined, kbAudience: result.kb?.payload?.aud ?? null });
} catch (error) {
  write({ valid: false, error: String(error?.message ?? error) });
}
