// go-plugin's AutoMTLS, the plugin's half: a self-signed certificate for `localhost`, made at start and
// used once. The host sends its own certificate in PLUGIN_CLIENT_CERT (PEM); the plugin trusts only that
// one and requires it of every connection, and sends its certificate back in the handshake line (DER,
// base64 without padding), where the host takes it as its only root.
//
// The key is ECDSA P-256, as go-plugin's own is ECDSA (P-521): generated in about a millisecond, where an
// RSA key took 100-400 ms of every start (the host starts the plugin two to four times per command).
// node-forge writes the certificate's fields and extensions (it signs with RSA only), Node signs it.
import { createPrivateKey, createPublicKey, randomBytes, sign } from "node:crypto";
import forge from "node-forge";
import type { KeyPair } from "./keys";
import { startKeyPair } from "./keys";

export interface PluginCertificate {
  certPem: string;
  keyPem: string;
  /** The certificate as the handshake line carries it. */
  handshake: string;
}

const { asn1 } = forge;
const ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
/** AlgorithmIdentifier of ecdsa-with-SHA256: the OID alone, no parameters (RFC 5758 3.2). */
const ecdsaWithSha256 = () =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(ECDSA_WITH_SHA256).getBytes()),
  ]);
/** Stands for the subject's key while forge writes the TBSCertificate; replaced by the real one after. */
const PLACEHOLDER_KEY = forge.pki.setRsaPublicKey(new forge.jsbn.BigInteger("1"), new forge.jsbn.BigInteger("1"));

export async function makeCertificate(keys: Promise<KeyPair> = startKeyPair(), now = new Date()): Promise<PluginCertificate> {
  const { privateKey, publicKey } = await keys;
  const cert = forge.pki.createCertificate();
  cert.publicKey = PLACEHOLDER_KEY;
  cert.siginfo.algorithmOid = ECDSA_WITH_SHA256;
  // A positive serial number: the top bit of the first byte cleared.
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  cert.serialNumber = serial.toString("hex");
  cert.validity.notBefore = new Date(now.getTime() - 30_000);
  cert.validity.notAfter = new Date(now.getTime() + 24 * 3600_000);
  const name = [
    { name: "commonName", value: "localhost" },
    { name: "organizationName", value: "terraform-provider-flagship" },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", digitalSignature: true, keyCertSign: true, critical: true },
    { name: "extKeyUsage", serverAuth: true, clientAuth: true },
    { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }] },
  ]);
  // In node-forge's API (lib/x509.js), not in its type definitions.
  const tbs = (forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate(cert);
  const fields = tbs.value as forge.asn1.Asn1[];
  fields[2] = ecdsaWithSha256();
  fields[6] = asn1.fromDer(createPublicKey(publicKey).export({ type: "spki", format: "der" }).toString("binary"));
  const tbsDer = Buffer.from(asn1.toDer(tbs).getBytes(), "binary");
  const signature = sign("sha256", tbsDer, createPrivateKey(privateKey)); // DER ECDSA-Sig-Value
  const certificate = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    tbs,
    ecdsaWithSha256(),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${signature.toString("binary")}`),
  ]);
  const der = Buffer.from(asn1.toDer(certificate).getBytes(), "binary");
  const base64 = der.toString("base64");
  return {
    certPem: `-----BEGIN CERTIFICATE-----\n${base64.replace(/.{64}/g, "$&\n").replace(/\n?$/, "\n")}-----END CERTIFICATE-----\n`,
    keyPem: privateKey,
    handshake: base64.replace(/=+$/, ""),
  };
}
