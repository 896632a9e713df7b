// go-plugin's AutoMTLS, the plugin's half: a self-signed certificate for `localhost`, made at start and
// used once. The host sends its own certificate in PLUGIN_CLIENT_CERT (PEM); the plugin trusts only that
// one and requires it of every connection, and sends its certificate back in the handshake line (DER,
// base64 without padding), where the host takes it as its only root.
//
// The key is ECDSA P-256, as go-plugin's own is ECDSA (P-521): generated in about a millisecond, where an
// RSA key took 100-400 ms of every start (the host starts the plugin two to four times per command).
// The certificate's DER is written here (der.ts), the fields and extensions node-forge wrote before, and
// signed by Node.
import { createPrivateKey, createPublicKey, randomBytes, sign } from "node:crypto";
import { bitString, boolean, explicit, octetString, oid, printableString, sequence, set, tlv, unsignedInteger, utcTime } from "./der";
import type { KeyPair } from "./keys";
import { startKeyPair } from "./keys";

export interface PluginCertificate {
  certPem: string;
  keyPem: string;
  /** The certificate as the handshake line carries it. */
  handshake: string;
}

/** AlgorithmIdentifier of ecdsa-with-SHA256: the OID alone, no parameters (RFC 5758 3.2). */
const ECDSA_WITH_SHA256 = () => sequence(oid("1.2.840.10045.4.3.2"));

/** CN=localhost, O=terraform-provider-flagship: subject and issuer. */
const NAME = () =>
  sequence(
    set(sequence(oid("2.5.4.3"), printableString("localhost"))),
    set(sequence(oid("2.5.4.10"), printableString("terraform-provider-flagship"))),
  );

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

const EXTENSIONS = () =>
  explicit(
    3,
    sequence(
      extension("2.5.29.19", true, sequence(boolean(true))), // basicConstraints: cA
      extension("2.5.29.15", true, bitString(Buffer.from([0x84]), 2)), // keyUsage: digitalSignature, keyCertSign
      extension("2.5.29.37", false, sequence(oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2"))), // extKeyUsage: serverAuth, clientAuth
      extension("2.5.29.17", false, sequence(tlv(0x82, Buffer.from("localhost", "ascii")))), // subjectAltName: dNSName localhost
    ),
  );

export async function makeCertificate(keys: Promise<KeyPair> = startKeyPair(), now = new Date()): Promise<PluginCertificate> {
  const { privateKey, publicKey } = await keys;
  // A positive serial number: the top bit of the first byte cleared.
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))), // v3
    unsignedInteger(serial),
    ECDSA_WITH_SHA256(),
    NAME(),
    sequence(utcTime(new Date(now.getTime() - 30_000)), utcTime(new Date(now.getTime() + 24 * 3600_000))),
    NAME(),
    createPublicKey(publicKey).export({ type: "spki", format: "der" }),
    EXTENSIONS(),
  );
  const signature = sign("sha256", tbs, createPrivateKey(privateKey)); // DER ECDSA-Sig-Value
  const der = sequence(tbs, ECDSA_WITH_SHA256(), bitString(signature));
  const base64 = der.toString("base64");
  return {
    certPem: `-----BEGIN CERTIFICATE-----\n${base64.replace(/.{64}/g, "$&\n").replace(/\n?$/, "\n")}-----END CERTIFICATE-----\n`,
    keyPem: privateKey,
    handshake: base64.replace(/=+$/, ""),
  };
}
