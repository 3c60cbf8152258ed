// Activates an mLegitymacja the way an independent wallet would: @openid4vc/openid4vci drives the OpenID4VCI 1.0
// pre-authorized code flow (offer → issuer and authorization server metadata → token with tx_code → nonce →
// credential with a jwt proof → notification), and @sd-jwt/sd-jwt-vc verifies what came back against the issuer
// keys published at /.well-known/jwt-vc-issuer, with the status list fetched from the issuer.
//
// node openid4vci-activate.mjs --offer 'openid-credential-offer://?credential_offer_uri=…' --code 12345678
//   [--dpop]       bind the access token to a DPoP key (the wallet's own, separate from the credential key)
//   [--insecure]   allow http:// URLs (the tests serve the issuer on http://127.0.0.1)
//   [--trace]      log each HTTP exchange to stderr
//
// Times (the proof's and DPoP's iat, the credential's validity) come from this machine's clock, as in a wallet.
//
// stdout, one line: {"ok":true,"vct":…,"given_name":…,"family_name":…,"cnf_matches":true,"key_thumbprint":…,…}
//               or: {"ok":false,"step":…,"error":…,"description":…} with exit code 1
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  Openid4vciClient,
  Openid4vciRetrieveCredentialsError,
  Openid4vciSendNotificationError,
  setGlobalConfig,
} from '@openid4vc/openid4vci';
import { calculateJwkThumbprint, clientAuthenticationAnonymous, HashAlgorithm, Oauth2ClientErrorResponseError } from '@openid4vc/oauth2';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest, ES256 } from '@sd-jwt/crypto-nodejs';

const { values: args } = parseArgs({
  options: {
    offer: { type: 'string' },
    code: { type: 'string' },
    dpop: { type: 'boolean', default: false },
    insecure: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
  },
});

let step = 'arguments';
try {
  if (!args.offer || !args.code) throw new Error('usage: --offer URI --code CODE [--dpop] [--insecure] [--trace]');
  // The library accepts only https URLs unless told otherwise: Oid4vcTsConfig.allowInsecureUrls is its public switch.
  if (args.insecure) setGlobalConfig({ allowInsecureUrls: true });

  const credentialKey = newKey();
  const dpopKey = args.dpop ? newKey() : undefined;
  const client = new Openid4vciClient({
    callbacks: {
      fetch: args.trace ? tracingFetch : globalThis.fetch,
      hash: (data, alg) => createHash(nodeHash(alg)).update(data).digest(),
      generateRandom: (length) => randomBytes(length),
      signJwt: async (signer, { header, payload }) => {
        if (signer.method !== 'jwk' || signer.alg !== 'ES256') throw new Error(`cannot sign with ${signer.method}/${signer.alg}`);
        const key = [credentialKey, dpopKey].find((k) => k && k.publicJwk.x === signer.publicJwk.x && k.publicJwk.y === signer.publicJwk.y);
        if (!key) throw new Error('asked to sign with a key this wallet does not hold');
        return { jwt: signJws(header, payload, key.privateKey), signerJwk: key.publicJwk };
      },
      // No client authentication: the issuer allows anonymous access for the pre-authorized code grant.
      clientAuthentication: clientAuthenticationAnonymous(),
    },
  });

  step = 'offer';
  const credentialOffer = await client.resolveCredentialOffer(args.offer);
  step = 'metadata';
  const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
  const configurationId = credentialOffer.credential_configuration_ids[0];
  const configuration = issuerMetadata.credentialIssuer.credential_configurations_supported[configurationId];
  if (!configuration) throw new Error(`offered configuration '${configurationId}' is not in the issuer metadata`);

  step = 'token';
  const { accessTokenResponse, dpop } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
    credentialOffer,
    issuerMetadata,
    txCode: args.code,
    dpop: dpopKey ? { signer: { method: 'jwk', alg: 'ES256', publicJwk: dpopKey.publicJwk } } : undefined,
  });
  if (dpopKey && accessTokenResponse.token_type !== 'DPoP') throw new Error(`token_type ${accessTokenResponse.token_type}, expected DPoP`);

  step = 'nonce';
  const { c_nonce: nonce } = await client.requestNonce({ issuerMetadata });

  step = 'credential';
  const proof = await client.createCredentialRequestJwtProof({
    issuerMetadata,
    credentialConfigurationId: configurationId,
    signer: { method: 'jwk', alg: 'ES256', publicJwk: credentialKey.publicJwk },
    nonce,
  });
  const { credentialResponse, dpop: dpopAfterCredential } = await client.retrieveCredentials({
    issuerMetadata,
    accessToken: accessTokenResponse.access_token,
    credentialConfigurationId: configurationId,
    proofs: { jwt: [proof.jwt] },
    dpop,
  });
  const credential = credentialResponse.credentials?.[0]?.credential;
  if (typeof credential !== 'string') throw new Error('the credential response holds no SD-JWT VC');

  step = 'verify';
  const issuerJwks = await jwtVcIssuerKeys(credential);
  const sdjwt = new SDJwtVcInstance({
    hasher: digest,
    hashAlg: 'sha-256',
    verifier: (data, signature) => verifyWithIssuerKeys(issuerJwks, data, signature),
    statusVerifier: (data, signature) => verifyWithIssuerKeys(issuerJwks, data, signature),
  });
  const verified = await sdjwt.verify(credential, { skewSeconds: 60 });
  if (verified.payload.vct !== configuration.vct) throw new Error(`vct ${verified.payload.vct}, metadata says ${configuration.vct}`);
  const claims = await sdjwt.getClaims(credential);
  const cnf = verified.payload.cnf?.jwk;
  const keyThumbprint = await thumbprint(credentialKey.publicJwk);
  const cnfMatches = cnf !== undefined && (await thumbprint(cnf)) === keyThumbprint;
  if (!cnfMatches) throw new Error('cnf.jwk is not the key that signed the proof');

  step = 'notification';
  if (credentialResponse.notification_id) {
    await client.sendNotification({
      issuerMetadata,
      accessToken: accessTokenResponse.access_token,
      notification: { notificationId: credentialResponse.notification_id, event: 'credential_accepted' },
      // The credential response hands back only a fresh DPoP-Nonce, if any; the signer stays the wallet's.
      dpop: dpop ? { ...dpop, nonce: dpopAfterCredential?.nonce ?? dpop.nonce } : undefined,
    });
  }

  write({
    ok: true,
    vct: verified.payload.vct,
    given_name: claims.given_name,
    family_name: claims.family_name,
    cnf_matches: cnfMatches,
    key_thumbprint: keyThumbprint,
    token_type: accessTokenResponse.token_type,
    // The OpenID4VCI version the library read the issuer metadata as (V1 = OpenID4VCI 1.0).
    openid4vci_version: issuerMetadata.originalDraftVersion,
    notified: Boolean(credentialResponse.notification_id),
  });
} catch (error) {
  write({ ok: false, step, ...describe(error) });
  process.exitCode = 1;
}

function newKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
  return { privateKey, publicJwk: { kty, crv, x, y } };
}

function nodeHash(alg) {
  switch (alg) {
    case HashAlgorithm.Sha256: return 'sha256';
    case HashAlgorithm.Sha384: return 'sha384';
    case HashAlgorithm.Sha512: return 'sha512';
    default: throw new Error(`unsupported hash ${alg}`);
  }
}

function signJws(header, payload, privateKey) {
  const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}`;
  const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

function b64(text) {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function thumbprint(jwk) {
  return calculateJwkThumbprint({
    jwk,
    hashAlgorithm: HashAlgorithm.Sha256,
    hashCallback: (data, alg) => createHash(nodeHash(alg)).update(data).digest(),
  });
}

// SD-JWT VC §5: the issuer's keys are found at the iss URL with /.well-known/jwt-vc-issuer inserted after the host.
async function jwtVcIssuerKeys(credential) {
  const payload = JSON.parse(Buffer.from(credential.split('~')[0].split('.')[1], 'base64url').toString('utf8'));
  const iss = new URL(payload.iss);
  const url = `${iss.origin}/.well-known/jwt-vc-issuer${iss.pathname === '/' ? '' : iss.pathname}`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  const metadata = await response.json();
  if (metadata.issuer !== payload.iss) throw new Error(`jwt-vc-issuer metadata names '${metadata.issuer}', the credential '${payload.iss}'`);
  const jwks = metadata.jwks ?? (await (await fetch(metadata.jwks_uri)).json());
  if (!Array.isArray(jwks?.keys) || jwks.keys.length === 0) throw new Error('jwt-vc-issuer metadata has no keys');
  return jwks.keys;
}

// Picks the issuer key by the JWS header's kid (any key of the set when the header names none).
async function verifyWithIssuerKeys(keys, data, signature) {
  const header = JSON.parse(Buffer.from(data.split('.')[0], 'base64url').toString('utf8'));
  const candidates = header.kid ? keys.filter((k) => k.kid === header.kid) : keys;
  for (const key of candidates) {
    if (await (await ES256.getVerifier(key))(data, signature)) return true;
  }
  return false;
}

function describe(error) {
  if (error instanceof Oauth2ClientErrorResponseError) {
    return { error: error.errorResponse.error, description: error.errorResponse.error_description ?? null, status: error.response.status };
  }
  if (error instanceof Openid4vciRetrieveCredentialsError || error instanceof Openid4vciSendNotificationError) {
    const response = error.response;
    const body = response.credentialErrorResponseResult?.data ?? response.notificationErrorResponseResult?.data;
    return { error: body?.error ?? 'unexpected_response', description: body?.error_description ?? error.message, status: response.response?.status };
  }
  return { error: error?.name ?? 'Error', description: String(error?.message ?? error) };
}

async function tracingFetch(input, init) {
  const response = await fetch(input, init);
  const headers = Object.fromEntries(new Headers(init?.headers).entries());
  process.stderr.write(`> ${init?.method ?? 'GET'} ${input} ${JSON.stringify(headers)} ${init?.body ?? ''}\n`);
  const responseHeaders = Object.fromEntries(response.headers.entries());
  process.stderr.write(`< ${response.status} ${JSON.stringify(responseHeaders)} ${(await response.clone().text()).slice(0, 500)}\n`);
  return response;
}

function write(result) {
  process.stdout.write(JSON.stringify(result) + '\n');
}
