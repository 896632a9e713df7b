// The plugin's AutoMTLS certificate (provider/terraform/tls.ts), written as DER by der.ts: what go-plugin's
// host takes as its only root. Read back with Node's X509Certificate (OpenSSL); the engine tests run it
// against tofu's own Go parser and TLS.
import { X509Certificate, createPrivateKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { oid, tlv, unsignedInteger, utcTime } from "../../provider/terraform/der";
import { startKeyPair } from "../../provider/terraform/keys";
import { makeCertificate } from "../../provider/terraform/tls";

describe("the plugin's certificate", () => {
  const now = new Date("2026-12-04T21:00:00.000Z");

  it("is self-signed by the key pair, for localhost, a CA, from 30 s before now for 24 hours", async () => {
    const keys = await startKeyPair();
    const certificate = await makeCertificate(Promise.resolve(keys), now);
    const x509 = new X509Certificate(certificate.certPem);
    expect(x509.subject).toBe("CN=localhost\nO=terraform-provider-flagship");
    expect(x509.issuer).toBe(x509.subject);
    expect(x509.subjectAltName).toBe("DNS:localhost");
    expect(x509.ca).toBe(true);
    expect(x509.keyUsage).toEqual(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
    expect(x509.toLegacyObject().ext_key_usage).toEqual(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
    expect(new Date(x509.validFrom).toISOString()).toBe("2026-12-04T20:59:30.000Z");
    expect(new Date(x509.validTo).toISOString()).toBe("2026-12-05T21:00:00.000Z");
    expect(x509.checkHost("localhost")).toBe("localhost");
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.publicKey.export({ type: "spki", format: "pem" })).toBe(keys.publicKey);
    expect(certificate.keyPem).toBe(keys.privateKey);
    expect(x509.checkPrivateKey(createPrivateKey(certificate.keyPem))).toBe(true);
  });

  it("carries the key usages go-plugin's certificate has: digital signature and certificate signing, both critical", async () => {
    const certificate = await makeCertificate(startKeyPair(), now);
    const der = Buffer.from(certificate.handshake, "base64").toString("hex");
    // Extension { keyUsage, critical TRUE, OCTET STRING { BIT STRING, 2 unused bits, 0x84 } }
    expect(der).toContain("300e0603551d0f0101ff0404030202" + "84");
    // Extension { basicConstraints, critical TRUE, OCTET STRING { SEQUENCE { cA TRUE } } }
    expect(der).toContain("300f0603551d130101ff040530030101ff");
  });

  it("is the handshake's base64 without padding, and the same DER in the PEM", async () => {
    const certificate = await makeCertificate(startKeyPair(), now);
    expect(certificate.handshake).not.toMatch(/=$/);
    const pemBody = certificate.certPem.replace(/-----[A-Z ]+-----|\n/g, "");
    expect(Buffer.from(pemBody, "base64")).toEqual(Buffer.from(certificate.handshake, "base64"));
    expect(certificate.certPem.split("\n").slice(1, -2).every((line) => line.length <= 64)).toBe(true);
  });

  it("has a positive serial number of at most 16 bytes, different every time", async () => {
    const keys = startKeyPair();
    const serials = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const x509 = new X509Certificate((await makeCertificate(keys, now)).certPem);
      expect(x509.serialNumber).toMatch(/^[0-7]?[0-9A-F]{1,31}$/);
      serials.add(x509.serialNumber);
    }
    expect(serials.size).toBe(20);
  });
});

describe("the DER writer", () => {
  it("writes short and long lengths", () => {
    expect(tlv(0x04, Buffer.alloc(3)).toString("hex")).toBe("0403000000");
    expect(tlv(0x04, Buffer.alloc(200)).subarray(0, 3).toString("hex")).toBe("0481c8");
    expect(tlv(0x04, Buffer.alloc(300)).subarray(0, 4).toString("hex")).toBe("0482012c");
  });

  it("writes integers minimally, with a zero byte before a set top bit", () => {
    expect(unsignedInteger(Buffer.from([0, 0, 0x12, 0x34])).toString("hex")).toBe("02021234");
    expect(unsignedInteger(Buffer.from([0x80, 1])).toString("hex")).toBe("0203008001");
    expect(unsignedInteger(Buffer.from([0])).toString("hex")).toBe("020100");
  });

  it("writes object identifiers with multi-byte arcs", () => {
    expect(oid("1.2.840.10045.4.3.2").toString("hex")).toBe("06082a8648ce3d040302");
    expect(oid("2.5.29.17").toString("hex")).toBe("0603551d11");
  });

  it("writes UTCTime to the second, and refuses years it cannot hold", () => {
    expect(utcTime(new Date("2026-01-02T03:04:05.678Z")).toString("ascii", 2)).toBe("260102030405Z");
    expect(() => utcTime(new Date("2050-01-01T00:00:00Z"))).toThrow("outside UTCTime's years");
  });
});
