import crypto from "node:crypto";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { db } from "@/lib/db";
import { finishKeyRegistration, startKeyRegistration } from "@/lib/mfa/webauthn/registration";
import { relyingParty } from "@/lib/mfa/webauthn/relying-party";
import { context, sudoActor } from "./factories";

/**
 * A software authenticator for tests: a real ES256 (P-256) credential made with node:crypto,
 * answering registrations (attestation "none") and sign-ins the way a security key does, byte
 * for byte (WebAuthn §6.1 authenticator data, §6.5 attestation object, §5.8.1 client data), so
 * the server's verification runs unchanged. Each answer may be bent for a test: another origin,
 * another RP ID, a chosen counter.
 */

// ── CBOR (RFC 8949), only what an attestation object and a COSE key need ─────────────────────

type Cbor = number | string | Uint8Array | Map<Cbor, Cbor>;

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
  const out = Buffer.alloc(5);
  out[0] = (major << 5) | 26;
  out.writeUInt32BE(length, 1);
  return out;
}

export function cbor(value: Cbor): Buffer {
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "utf8");
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  return Buffer.concat([head(5, value.size), ...[...value].flatMap(([key, entry]) => [cbor(key), cbor(entry)])]);
}

// ── The authenticator ─────────────────────────────────────────────────────────────────────

const FLAG = { up: 0x01, uv: 0x04, be: 0x08, bs: 0x10, at: 0x40 } as const;
const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string) => crypto.createHash("sha256").update(data).digest();

export type Bend = {
  /** The origin the browser puts in clientDataJSON (default: the authenticator's). */
  origin?: string;
  /** The RP ID whose hash goes into authenticatorData (default: the authenticator's). */
  rpID?: string;
  /** The signature counter to report (default: one more than the last, or 0 for a passkey that keeps 0). */
  counter?: number;
  /** Sign with another key (a forged answer). */
  signWith?: crypto.KeyObject;
  /** Report the backup-eligible flag as this (default: the authenticator's). */
  backupEligible?: boolean;
};

export class SoftwareAuthenticator {
  readonly credentialId = crypto.randomBytes(16);
  readonly aaguid = crypto.randomBytes(16);
  private readonly keys = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  private counter = 0;

  /**
   * `passkey`: a synced passkey (backup eligible and backed up) whose counter always stays 0, as
   * many platform authenticators do; otherwise a security key whose counter grows by one per use.
   */
  constructor(readonly site: { origin: string; rpID: string }, readonly options: { passkey?: boolean } = {}) {}

  get id(): string {
    return b64url(this.credentialId);
  }

  /** The public key as COSE_Key (RFC 9052 §7, EC2 P-256 ES256). */
  coseKey(): Buffer {
    const jwk = this.keys.publicKey.export({ format: "jwk" });
    return cbor(
      new Map<Cbor, Cbor>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x!, "base64url")],
        [-3, Buffer.from(jwk.y!, "base64url")],
      ]),
    );
  }

  /** navigator.credentials.create() with attestation "none", as @simplewebauthn/browser's startRegistration returns it. */
  register(options: { challenge: string }, bend: Bend = {}): RegistrationResponseJSON {
    const clientDataJSON = this.clientData("webauthn.create", options.challenge, bend);
    const attested = Buffer.concat([this.aaguid, Buffer.from([this.credentialId.length >> 8, this.credentialId.length & 0xff]), this.credentialId, this.coseKey()]);
    const authData = this.authenticatorData(bend, FLAG.at, attested, this.options.passkey ? 0 : this.counter);
    const attestationObject = cbor(new Map<Cbor, Cbor>([["fmt", "none"], ["attStmt", new Map()], ["authData", authData]]));
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ["usb"] },
      clientExtensionResults: {},
      authenticatorAttachment: "cross-platform",
    };
  }

  /** navigator.credentials.get(), as @simplewebauthn/browser's startAuthentication returns it. */
  assert(options: { challenge: string }, bend: Bend = {}): AuthenticationResponseJSON {
    const counter = bend.counter ?? (this.options.passkey ? 0 : ++this.counter);
    const clientDataJSON = this.clientData("webauthn.get", options.challenge, bend);
    const authData = this.authenticatorData(bend, 0, Buffer.alloc(0), counter);
    const signature = crypto.sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), bend.signWith ?? this.keys.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authData), signature: b64url(signature) },
      clientExtensionResults: {},
      authenticatorAttachment: "cross-platform",
    };
  }

  private clientData(type: string, challenge: string, bend: Bend): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin: bend.origin ?? this.site.origin, crossOrigin: false }));
  }

  private authenticatorData(bend: Bend, extraFlags: number, attested: Buffer, counter: number): Buffer {
    const eligible = bend.backupEligible ?? !!this.options.passkey;
    const flags = FLAG.up | FLAG.uv | extraFlags | (eligible ? FLAG.be : 0) | (eligible && this.options.passkey ? FLAG.bs : 0);
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(bend.rpID ?? this.site.rpID), Buffer.from([flags]), count, attested]);
  }
}

/** A fresh P-256 private key, to forge a signature with. */
export const strangerKey = () => crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;

// ── Enrolled through the app's own path ───────────────────────────────────────────────────

/**
 * A person's security key registered the way the security page does it (sudo session, options,
 * the ceremony, verification), at `now`. The registering session ends afterwards, so tests count
 * only their own sessions.
 */
export async function enrolSecurityKey(userId: string, now = new Date(), options: { passkey?: boolean; name?: string } = {}) {
  const authenticator = new SoftwareAuthenticator(relyingParty(), { passkey: options.passkey });
  const actor = await sudoActor(userId, now);
  const name = options.name ?? `Key ${authenticator.id.slice(0, 6)}`;
  const creation = await startKeyRegistration(actor, { name }, now);
  const result = await finishKeyRegistration(actor, { name, response: JSON.stringify(authenticator.register(creation)) }, context, now);
  await db.session.update({ where: { id: actor.sessionId }, data: { revokedAt: now } });
  return { authenticator, factorId: result.factorId, recoveryCodes: result.recoveryCodes, name };
}
