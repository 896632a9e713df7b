// The engine's floor for a Token-shaped resource: the minimal provider (no server, no validation) given
// the Token's input bag (`shapedInputs`) and returning outputs of the Token's shape: the same keys, values
// of the same lengths, and the same three secret outputs (`accessToken`, `refreshToken`, `clientSecret`).
// What it costs over `Minimal` is what the engine and the SDK charge for the shape of a Token (properties,
// secrets to encrypt, bytes of state); what the Token costs over it is its own code (check, mint, diff).
import { randomBytes, randomUUID } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { shapedInputs } from "./minimal";

// What a Token's check adds to its inputs (defaults), and the outputs a mint adds, with values shaped like
// the emulator's answers (a 64-character access token and refresh token).
const fakeOutputs = () => ({
  accessToken: randomBytes(32).toString("hex"),
  refreshToken: randomBytes(32).toString("hex"),
  tokenType: "Bearer",
  scope: "campaign.create campaign.update campaign.toggle env:*",
  issuedAt: new Date().toISOString(),
});

export const shapedProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds, news) {
    return { inputs: { ...news, scope: news.scope ?? "*", expiresIn: news.expiresIn ?? 0, verifyOnRefresh: true, timeoutSeconds: 10 } };
  },
  async create(inputs) {
    const outs = { ...inputs, requestedScope: inputs.scope, requestedExpiresIn: inputs.expiresIn, ...fakeOutputs() };
    return { id: randomUUID(), outs };
  },
  async diff(_id, olds, news) {
    return { changes: JSON.stringify(olds.triggers ?? {}) !== JSON.stringify(news.triggers ?? {}) };
  },
  async update(_id, _olds, news) {
    return { outs: { ...news, requestedScope: news.scope, requestedExpiresIn: news.expiresIn, ...fakeOutputs() } };
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
