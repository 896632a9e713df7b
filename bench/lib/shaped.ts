// The engine's floor for a Token-shaped resource: the minimal provider (no server, no validation) given
// the Token's input bag (`shapedInputs`) and returning outputs of the Token's shape: the same keys, values
// of the same lengths, the same secret outputs (`accessToken`, `refreshToken`) and, like the Token, a
// fingerprint of the client secret in outputs instead of the secret.
// What it costs over `Minimal` is what the engine and the SDK charge for the shape of a Token (properties,
// secrets to encrypt, bytes of state); what the Token costs over it is its own code (check, mint, diff).
import * as pulumi from "@pulumi/pulumi";
import { shapedInputs } from "./minimal";

// What a Token's check adds to its inputs (defaults), and the outputs a mint adds, with values shaped like
// the emulator's answers (43-character tokens). Short, capturing nothing, so that its serialized provider
// stays smaller than the Token's (the Token's larger `__provider` is the Token's own cost, not the floor's).
export const shapedProvider: pulumi.dynamic.ResourceProvider = {
  async check(_o, n) {
    return { inputs: { ...n, scope: "*", expiresIn: 0, verifyOnRefresh: true, timeoutSeconds: 10 } };
  },
  async create(i) {
    const c = require("crypto"), t = () => c.randomBytes(32).toString("base64url");
    const scope = "campaign.create campaign.update campaign.toggle env:*";
    const minted = { accessToken: t(), refreshToken: t(), tokenType: "Bearer", scope, issuedAt: new Date().toISOString() };
    const { clientSecret: _s, ...kept } = i;
    const secretFingerprint = `hmac-sha256:${c.randomBytes(16).toString("base64url")}:${t()}`;
    return { id: c.randomUUID(), outs: { ...kept, secretFingerprint, requestedScope: "*", requestedExpiresIn: 0, ...minted } };
  },
  async diff(_id, o, n) {
    return { changes: JSON.stringify(o.triggers ?? {}) !== JSON.stringify(n.triggers ?? {}) };
  },
  async update(_id, o, n) {
    return { outs: { ...o, triggers: n.triggers, accessToken: require("crypto").randomBytes(32).toString("base64url") } };
  },
};

/** The Token's shape on the minimal provider: the engine rows' second floor (`Shaped`). */
export class Shaped extends pulumi.dynamic.Resource {
  constructor(name: string, args: { triggers: Record<string, string> }, opts: pulumi.CustomResourceOptions = {}) {
    super(
      shapedProvider,
      name,
      shapedInputs(name, args.triggers),
      { ...opts, additionalSecretOutputs: ["accessToken", "refreshToken", "clientSecret"] },
      "bench",
      "Shaped",
    );
  }
}
