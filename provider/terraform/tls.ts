// go-plugin's AutoMTLS, the plugin's half: a self-signed certificate for `localhost`, made at start and
// used once. The host sends its own certificate in PLUGIN_CLIENT_CERT (PEM); the plugin trusts only that
// one and requires it of every connection, and sends its certificate back in the handshake line (DER,
// base64 without padding), where the host takes it as its only root.
import { randomBytes } from "node:crypto";
import forge from "node-forge";
import { type KeyPair, startKeyPair } from "./keys";

export interface PluginCertificate {
  certPem: string;
  keyPem: string;
  /** The certificate as the handshake line carries it. */
  handshake: string;
}

export async function makeCertificate(keys: Promise<KeyPair> = startKeyPair(), now = new Date()): Promise<PluginCertificate> {
  const { privateKey, publicKey } = await keys;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
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
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
    { name: "extKeyUsage", serverAuth: true, clientAuth: true },
    { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }] },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  return {
    certPem: forge.pki.certificateToPem(cert),
    keyPem: privateKey,
    handshake: Buffer.from(der, "binary").toString("base64").replace(/=+$/, ""),
  };
}
