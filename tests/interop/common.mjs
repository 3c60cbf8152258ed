// Shared helpers: an @sd-jwt/sd-jwt-vc instance wired to node's crypto, and stdin/stdout JSON.
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest, generateSalt, ES256 } from '@sd-jwt/crypto-nodejs';

export async function readInput() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text ? JSON.parse(text) : {};
}

export function write(result) {
  process.stdout.write(JSON.stringify(result) + '\n');
}

export async function instance({ issuerPrivateJwk, issuerPublicJwk, holderPrivateJwk, statusListToken } = {}) {
  return new SDJwtVcInstance({
    hasher: digest,
    hashAlg: 'sha-256',
    saltGenerator: generateSalt,
    signAlg: ES256.alg,
    signer: issuerPrivateJwk ? await ES256.getSigner(issuerPrivateJwk) : undefined,
    verifier: issuerPublicJwk ? await ES256.getVerifier(issuerPublicJwk) : undefined,
    // The Key Binding JWT is checked against the holder key the credential carries in cnf.jwk.
    kbVerifier: async (data, signature, payload) => (await ES256.getVerifier(payload.cnf.jwk))(data, signature),
    kbSignAlg: ES256.alg,
    kbSigner: holderPrivateJwk ? await ES256.getSigner(holderPrivateJwk) : undefined,
    // Offline: the status list token is handed in, never fetched.
    statusListFetcher: statusListToken ? async () => statusListToken : undefined,
    statusVerifier: issuerPublicJwk ? await ES256.getVerifier(issuerPublicJwk) : undefined,
  });
}

export function base64url(value) {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}
