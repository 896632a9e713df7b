// The dynamic face as the dynamic provider host sees it: it prints `${error}: ${error.stack}` for a
// failed read, check, diff or delete.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { checkInputs } from "../../provider/core/check";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { FlagshipHttpError } from "../../provider/core/errors";
import { createDynamicProvider } from "../../provider/dynamic/implementation";

const runtime = createDynamicProvider();

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

  it("names the resource by the inputs' name in a rotation reason, so a rename with aliases shows the new name", async () => {
    const { inputs } = checkInputs({ ...client, authUrl: emulator.url, rotationPeriod: 1 });
    const { id, outs } = await runtime.create({ ...inputs, resourceName: "ci" });
    const printed: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((m: unknown) => void printed.push(String(m)));
    try {
      await new Promise((r) => setTimeout(r, 1100));
      expect((await runtime.diff(id, outs, { ...inputs, resourceName: "renamed" })).changes).toBe(true);
    } finally {
      spy.mockRestore();
    }
    expect(printed).toEqual([expect.stringMatching(/^token renamed was issued \d+s ago, rotationPeriod is 1s, rotating$/)]);
  });

  it("keeps the resource's name in the outputs and out of what the core sees", async () => {
    const { inputs } = checkInputs({ ...client, authUrl: emulator.url });
    const checked = await runtime.check({}, { ...inputs, resourceName: "ci" });
    expect(checked.inputs).toMatchObject({ resourceName: "ci" });
    const { outs } = await runtime.create(checked.inputs);
    expect(outs).toMatchObject({ resourceName: "ci" });
    expect(outs).not.toHaveProperty("clientSecret");
  });
});
