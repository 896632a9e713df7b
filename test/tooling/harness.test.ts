// Proves the engine harness itself: a tiny dynamic resource through up, no-op up, refresh and destroy.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngineStack, type EngineStack, engineAvailable } from "../helpers/engine";

const echoProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: "echo-1", outs: { message: inputs.message, hidden: `hidden-${inputs.message}` } };
  },
};

class Echo extends pulumi.dynamic.Resource {
  declare readonly message: pulumi.Output<string>;
  declare readonly hidden: pulumi.Output<string>;
  constructor(name: string, message: string) {
    super(echoProvider, name, { message, hidden: undefined }, { additionalSecretOutputs: ["hidden"] });
  }
}

describe.runIf(engineAvailable())("the engine harness", () => {
  let engine: EngineStack;

  beforeAll(async () => {
    engine = await createEngineStack({
      project: "pft-harness",
      program: async () => {
        const echo = new Echo("echo", "plain-value-42");
        return { message: echo.message, hidden: echo.hidden };
      },
    });
  });
  afterAll(async () => engine?.dispose());

  it("creates the resource and reads its outputs back", async () => {
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ create: 2 });
    expect(result.outputs.message).toEqual({ value: "plain-value-42", secret: false });
    expect(result.outputs.hidden).toEqual({ value: "hidden-plain-value-42", secret: true });
  });

  it("stores the secret output encrypted in state", async () => {
    const exported = await engine.exportText();
    expect(exported).toContain("plain-value-42");
    expect(exported).not.toContain("hidden-plain-value-42");
    expect(engine.backendText()).not.toContain("hidden-plain-value-42");
  });

  it("changes nothing on a second up", async () => {
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ same: 2 });
  });

  it("refreshes without changes", async () => {
    const result = await engine.refresh();
    expect(result.summary.resourceChanges).toEqual({ same: 2 });
  });

  it("destroys everything", async () => {
    const result = await engine.destroy();
    expect(result.summary.resourceChanges).toEqual({ delete: 2 });
    const state = JSON.parse(await engine.exportText());
    expect(state.deployment.resources ?? []).toEqual([]);
  });
});
