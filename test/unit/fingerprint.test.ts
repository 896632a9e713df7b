// The keyed hash that state keeps of the client secret.
import { describe, expect, it } from "vitest";
import { fingerprint, fingerprintMatches } from "../../provider/core/fingerprint";

describe("the client secret's fingerprint", () => {
  it("matches the secret it was made of", () => {
    expect(fingerprintMatches(fingerprint("s3cret-value"), "s3cret-value")).toBe(true);
  });

  it("does not match another secret", () => {
    expect(fingerprintMatches(fingerprint("s3cret-value"), "s3cret-valuf")).toBe(false);
  });

  it("contains neither the secret nor its base64", () => {
    const print = fingerprint("s3cret-value");
    expect(print).not.toContain("s3cret-value");
    expect(print).not.toContain(Buffer.from("s3cret-value").toString("base64url"));
  });

  it("differs for two fingerprints of the same secret (a random salt each)", () => {
    expect(fingerprint("s3cret-value")).not.toBe(fingerprint("s3cret-value"));
  });

  it("is the HMAC-SHA-256 of the secret keyed by its salt", () => {
    const salt = Buffer.alloc(16, 7);
    expect(fingerprint("abc", salt)).toBe(
      `hmac-sha256:${salt.toString("base64url")}:${require("node:crypto").createHmac("sha256", salt).update("abc").digest("base64url")}`,
    );
  });

  it("matches nothing when it is not a fingerprint", () => {
    for (const print of [undefined, "", "abc", "hmac-sha256::", "md5:AAAA:BBBB", 42]) {
      expect(fingerprintMatches(print, "abc")).toBe(false);
    }
  });
});
