import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * What state keeps of the client secret: a keyed hash, `hmac-sha256:<salt>:<mac>` (base64url), with a
 * random salt per fingerprint. Enough for `diff` to tell whether the secret changed; the secret cannot be
 * read back from it, and two tokens of the same secret have different fingerprints.
 */
const SCHEME = "hmac-sha256";
const SALT_BYTES = 16;

export function fingerprint(secret: string, salt: Buffer = randomBytes(SALT_BYTES)): string {
  return `${SCHEME}:${salt.toString("base64url")}:${mac(salt, secret).toString("base64url")}`;
}

/** Whether `secret` is the one `print` was made of. False for anything that is not a fingerprint. */
export function fingerprintMatches(print: unknown, secret: string): boolean {
  if (typeof print !== "string") return false;
  const [scheme, salt, recorded] = print.split(":");
  if (scheme !== SCHEME || !salt || !recorded) return false;
  const expected = Buffer.from(recorded, "base64url");
  const actual = mac(Buffer.from(salt, "base64url"), secret);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function mac(salt: Buffer, secret: string): Buffer {
  return createHmac("sha256", salt).update(secret, "utf8").digest();
}
