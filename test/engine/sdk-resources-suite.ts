// The declared resources through every generated SDK on the real engine, against the emulator's Remote
// Control API: the program of examples/<language>-flags (a project, a flag with predefined and default
// values, a targeting key, and getFlags), driven by test/drivers/<language>. The scenarios run in order
// on one stack. Used by sdk-python.test.ts and sdk-go.test.ts.
import { randomBytes } from "node:crypto";
import { type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { flagshipConfig } from "../helpers/engine";
import { type Outside, outside } from "../helpers/outside";
import { createSdkStack, type DriverResult, type DriverOp, sdkAvailable, type SdkLanguage, type SdkStack } from "../helpers/sdk-driver";
import { expectNoSecrets } from "../helpers/secrets";

type Collection = "projects" | "flags" | "targeting_keys";
type StateResource = { urn: string; type: string; id?: string; outputs: Record<string, unknown> };

export function describeSdkResources(language: SdkLanguage): void {
  const secret = `${language}-res-secret-${randomBytes(12).toString("hex")}`;
  const client = {
    accountId: `acc-${language}-res`,
    clientId: `${language}-res-client`,
    clientSecret: secret,
    scopes: ["project.*", "flag.*", "targeting_key.*", "account_environment.*"],
  };

  describe.runIf(sdkAvailable(language))(`the declared resources through the ${language} SDK on the real engine`, () => {
    let emulator: RunningEmulator;
    let stack: SdkStack;
    let world: Outside;

    const objects = (collection: Collection) => emulator.admin.objects(client.accountId, collection);
    /** The API requests that change something (POST, PATCH, DELETE), as "METHOD route", sorted. */
    const writes = () =>
      emulator.admin
        .requests()
        .filter((r) => !["token", "tokenInfo", "admin", "other"].includes(r.route) && r.method !== "GET")
        .map((r) => `${r.method} ${r.route}`)
        .sort();
    const stateOf = (name: string) =>
      ((JSON.parse(stack.exportText()).deployment.resources ?? []) as StateResource[]).find((r) => r.urn.endsWith(`::${name}`));
    /** The flags the program's getFlags returned, as id, name and type. */
    const listed = (result: DriverResult) =>
      (result.outputs.flags?.value as Array<Record<string, unknown>>).map(({ id, name, type }) => ({ id, name, type }));
    const run = async (op: DriverOp): Promise<DriverResult> => {
      emulator.admin.resetCounters();
      return stack.run(op);
    };

    beforeAll(async () => {
      emulator = await startEmulator({ port: 0, clients: [client] });
      world = outside(emulator.url, client.accountId, client);
      stack = createSdkStack({
        language,
        project: `flagship-flags-${language}`,
        program: "flags",
        config: { ...flagshipConfig(emulator.url, client), "flagship:apiUrl": { value: emulator.url } },
      });
    });
    // After every scenario, failing ones included: no secret in state, the export, PULUMI_HOME or anything printed.
    afterEach(() =>
      expectNoSecrets(
        { export: stack.exportText(), backend: stack.backendText(), home: stack.homeText(), output: stack.output.join("") },
        [secret, ...emulator.admin.issuedTokens()],
      ),
    );
    afterAll(async () => {
      stack?.dispose();
      await emulator?.close();
    });

    it("creates the project, the flag and the targeting key with one POST each, and lists the flag", async () => {
      const result = await run("up");
      expect(result.changes).toEqual({ create: 4 }); // the stack and the three objects (the provider is not counted)
      expect(writes()).toEqual(["POST flags", "POST projects", "POST targetingKeys"]);
      expect(objects("projects")).toMatchObject([{ name: "web-shop" }]);
      expect(objects("flags")).toMatchObject([
        { name: "new-checkout", type: "boolean", description: "The new checkout flow", source: "manual", default_value: "false", predefined_values: ["true", "false"] },
      ]);
      expect(objects("targeting_keys")).toMatchObject([{ name: "country", type: "string", description: "The visitor's country, ISO 3166-1 alpha-2" }]);
      expect(result.outputs.projectId).toEqual({ value: objects("projects")[0]?.id, secret: false });
      expect(result.outputs.flagId).toEqual({ value: objects("flags")[0]?.id, secret: false });
      expect(result.outputs.targetingKeyId).toEqual({ value: objects("targeting_keys")[0]?.id, secret: false });
      expect(listed(result)).toEqual([{ id: objects("flags")[0]?.id, name: "new-checkout", type: "boolean" }]);
    });

    it("changes nothing and sends no write on a second up", async () => {
      const result = await run("up");
      expect(result.changes).toEqual({ same: 4 });
      expect(writes()).toEqual([]);
    });

    it("renames the flag in place when its name in stack config changes: one PATCH, the same id", async () => {
      const id = stateOf("checkout")?.id;
      stack.config.flagName = { value: "checkout-v2" };
      const result = await run("up");
      expect(result.changes).toEqual({ same: 3, update: 1 });
      expect(writes()).toEqual(["PATCH flags"]);
      expect(objects("flags")).toMatchObject([{ id, name: "checkout-v2", default_value: "false", predefined_values: ["true", "false"] }]);
      expect(result.outputs.flagId?.value).toBe(id);
      expect(listed(result)).toEqual([{ id, name: "checkout-v2", type: "boolean" }]);
    });

    it("puts back a rename made outside: refresh reads it, the next up renames it back", async () => {
      const id = stateOf("checkout")!.id!;
      expect(await world.patch("flags", id, { name: "renamed-outside" })).toBeLessThan(300);
      const refresh = await run("refresh");
      expect(refresh.changes).toEqual({ same: 3, update: 1 });
      expect(writes()).toEqual([]);
      expect(stateOf("checkout")?.outputs.name).toBe("renamed-outside");
      const result = await run("up");
      expect(result.changes).toEqual({ same: 3, update: 1 });
      expect(writes()).toEqual(["PATCH flags"]);
      expect(objects("flags")).toMatchObject([{ id, name: "checkout-v2" }]);
    });

    it("re-creates a flag deleted outside: refresh drops it and says so, the next up creates it again", async () => {
      const id = stateOf("checkout")!.id!;
      expect(await world.delete("flags", id)).toBeLessThan(300);
      const refresh = await run("refresh");
      expect(refresh.changes).toEqual({ same: 3, delete: 1 });
      expect(stack.output.at(-1)).toContain(`flag checkout (id ${id}) was deleted outside: removed from state; the next \`pulumi up\` creates it again`);
      expect(stateOf("checkout")).toBeUndefined();
      const result = await run("up");
      expect(result.changes).toEqual({ same: 3, create: 1 });
      expect(writes()).toEqual(["POST flags"]);
      const created = objects("flags");
      expect(created).toMatchObject([{ name: "checkout-v2", type: "boolean", default_value: "false", predefined_values: ["true", "false"] }]);
      expect(created[0]?.id).not.toBe(id);
      expect(result.outputs.flagId?.value).toBe(created[0]?.id);
    });

    it("adopts a flag made outside by its id (the import option from stack config), then changes nothing", async () => {
      const made = await world.post("flags", { name: "legacy", type: "string", description: "", source: "manual" });
      stack.config.importFlagId = { value: String(made.id) };
      const result = await run("up");
      expect(result.changes).toEqual({ same: 4, import: 1 });
      expect(writes()).toEqual([]);
      expect(stateOf("legacy")).toMatchObject({ id: made.id, outputs: { name: "legacy", type: "string", source: "manual" } });
      // The id stays in config (as users leave the option in their program): the next up is a no-op.
      const again = await run("up");
      expect(again.changes).toEqual({ same: 5 });
      expect(writes()).toEqual([]);
    });

    it("destroy deletes the project, both flags and the targeting key on the server", async () => {
      const result = await run("destroy");
      expect(result.changes).toEqual({ delete: 5 });
      expect(writes()).toEqual(["DELETE flags", "DELETE flags", "DELETE projects", "DELETE targetingKeys"]);
      expect([objects("projects"), objects("flags"), objects("targeting_keys")]).toEqual([[], [], []]);
      expect(JSON.parse(stack.exportText()).deployment.resources ?? []).toEqual([]);
    });
  });
}
