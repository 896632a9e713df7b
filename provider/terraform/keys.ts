// The plugin's TLS key pair (see tls.ts), in a file of its own so that main.ts can start it before
// anything else loads.
import { generateKeyPair } from "node:crypto";

export interface KeyPair {
  privateKey: string;
  publicKey: string;
}

/**
 * An RSA key pair, by Node's native generation (forge's own, in JavaScript, takes seconds) on libuv's
 * thread pool: started first, it runs while the rest of the plugin loads (it takes 100-400 ms).
 */
export function startKeyPair(): Promise<KeyPair> {
  return new Promise((resolve, reject) =>
    generateKeyPair(
      "rsa",
      { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } },
      (error, publicKey, privateKey) => (error ? reject(error) : resolve({ publicKey, privateKey })),
    ),
  );
}

