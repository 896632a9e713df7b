// The plugin's TLS key pair (see tls.ts), in a file of its own so that main.ts can start it before
// anything else loads.
import { generateKeyPair } from "node:crypto";

export interface KeyPair {
  privateKey: string;
  publicKey: string;
}

/** An ECDSA P-256 key pair (PEM), by Node's native generation on libuv's thread pool. */
export function startKeyPair(): Promise<KeyPair> {
  return new Promise((resolve, reject) =>
    generateKeyPair(
      "ec",
      { namedCurve: "P-256", publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } },
      (error, publicKey, privateKey) => (error ? reject(error) : resolve({ publicKey, privateKey })),
    ),
  );
}
