// The dynamic face as the dynamic provider host sees it: it prints `${error}: ${error.stack}` for a
// failed read, check, diff or delete.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkInputs } from "../../provider/core/check";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { FlagshipHttpError } from "../../provider/core/errors";
import * as runtime from "../../provider/dynamic/runtime";

const client = { accountId: "acc-rt", clientId: "rt-client", clientSecret: "rt-secret-5e6f7a8b", scopes: ["x.read"] };

describe("the provider runtime", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ clients: [client] });
  });
  afterAll(async () => emulator?.close());

  it("a failed read of the package's own error prints as its message once, without a stack or a path", async () => {
    const { inputs } = checkInputs({ ...client, authUrl: emulator.url, timeoutSeconds: 1 });
    const { outs } = await runtime.create(inputs);
    emulator.admin.injectFaults("tokenInfo", [{ kind: "status", status: 500 }]);
    const error = (await runtime.read("id", outs).catch((e: unknown) => e)) as FlagshipHttpError;
    expect(error).toBeInstanceOf(FlagshipHttpError);
    expect(error.status).toBe(500);
    expect(`${error}: ${error.stack}`).toBe(error.message);
    expect(error.message).toMatch(/^Checking a Flagship token failed: GET http:\/\/127\.0\.0\.1:\d+\/token answered 500 /);
    expect(error.message).not.toContain(outs.accessToken);
  });

  it("an error that is not the package's keeps its stack", async () => {
    const error = (await runtime.diff("id", undefined as never, {} as never).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.stack).toContain("\n    at ");
  });
});
