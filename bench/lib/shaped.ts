// The engine's floor for a Token-shaped resource: the minimal provider (no server, no validation) given
// the Token's input bag (`shapedInputs`) and returning outputs of the Token's shape: the same keys, values
// of the same lengths, the same secret outputs (`accessToken`, `refreshToken`) and, like the Token, a
// fingerprint of the client secret in outputs instead of the secret.
// What it costs over `Minimal` is what the engine and the SDK charge for the shape of a Token (properties,
// secrets to encrypt, bytes of state); what the Token costs over it is its own code (check, mint, diff).
import * as pulumi from "@pulumi/pulumi";
import { floors } from "./floors";
import { shapedInputs } from "./minimal";

/** The Token's shape on the minimal provider: the engine rows' second floor (`Shaped`). */
export class Shaped extends pulumi.dynamic.Resource {
  constructor(name: string, args: { triggers: Record<string, string> }, opts: pulumi.CustomResourceOptions = {}) {
    super(
      floors().shapedProvider,
      name,
      shapedInputs(name, args.triggers),
      { ...opts, additionalSecretOutputs: ["accessToken", "refreshToken", "clientSecret"] },
      "bench",
      "Shaped",
    );
  }
}
