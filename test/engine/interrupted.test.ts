// An interrupted deployment on the real engine: `pulumi` killed with SIGKILL while the mint is in
// flight leaves a pending operation; the recovery the README gives (cancel, refresh clearing pending
// creates, up) gets the stack back to one token in state.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import { Token } from "pulumi-flagship-token";
import { type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEngineStack, type EngineStack, engineAvailable, flagshipConfig } from "../helpers/engine";
import { descendants, until } from "../helpers/host-gone";
import { expectNoSecrets } from "../helpers/secrets";

const TOKEN_TYPE = "pulumi-nodejs:dynamic/flagship:Token";
const secret = `kill-secret-${randomBytes(12).toString("hex")}`;
const client = { accountId: "acc-kill", clientId: "kill-client", clientSecret: secret, scopes: ["k.read"] };

describe.runIf(engineAvailable())("an interrupted deployment on the real engine", () => {
  let emulator: RunningEmulator;
  let engine: EngineStack;
  let release = "1";

  // Asynchronous: the emulator runs in this process, and a refresh asks it about the token.
  const cli = async (args: string[]) => {
    const run = promisify(execFile);
    const { stdout, stderr } = await run("pulumi", [...args, "--stack", engine.stack.name, "--non-interactive"], {
      cwd: engine.stack.workspace.workDir,
      env: { ...process.env, ...engine.env },
    }).catch((error: { stdout: string; stderr: string }) => {
      throw new Error(`pulumi ${args.join(" ")} failed:\n${error.stdout}\n${error.stderr}`);
    });
    engine.output.push(stdout, stderr);
  };
  const deployment = async () => JSON.parse(await engine.exportText()).deployment;
  /**
   * Runs `up` while the server holds the mint for 3 s, kills `pulumi` with SIGKILL once the mint request
   * arrived (and then the plugins it started, as a killed CI runner would), and waits for the server
   * to finish that mint. Resolves with the tokens issued by then.
   */
  const upKilledMidMint = async (): Promise<string[]> => {
    const issued = emulator.admin.issuedTokens().length;
    emulator.admin.resetCounters();
    emulator.admin.injectFaults("token", [{ kind: "latency", ms: 3000 }]);
    const up = engine.up().then(
      () => undefined,
      (error: Error) => error,
    );
    await until(() => emulator.admin.counters().token === 1, "the mint request");
    const tree = descendants(process.pid);
    const pulumi = tree.find((p) => /^(\S*\/)?pulumi up\b/.test(p.args));
    expect(pulumi, tree.map((p) => p.args).join("\n")).toBeDefined();
    const below = descendants(pulumi!.pid);
    process.kill(pulumi!.pid, "SIGKILL");
    expect(await up).toBeInstanceOf(Error);
    for (const p of below) {
      try {
        process.kill(p.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    // The server finishes the mint it had started: a token no state will hold.
    await until(() => emulator.admin.issuedTokens().length === issued + 2, "the server to finish the mint");
    return emulator.admin.issuedTokens();
  };
  const accepted = async (tokens: string[]) => {
    const ok = [];
    for (const token of tokens) {
      const res = await fetch(`${emulator.url}/token?access_token=${encodeURIComponent(token)}`);
      if (res.status === 200) ok.push(token);
    }
    return ok;
  };

  beforeAll(async () => {
    emulator = await startEmulator({ clients: [client] });
    engine = await createEngineStack({
      project: "pft-interrupted",
      config: flagshipConfig(emulator.url, client),
      program: async () => {
        const token = new Token("t", { expiresIn: 3600, timeoutSeconds: 60, triggers: { release } });
        return { accessToken: token.accessToken };
      },
    });
  });
  afterEach(async () =>
    expectNoSecrets(
      { export: await engine.exportText(), backend: engine.backendText(), output: engine.output.join("") },
      [secret, ...emulator.admin.issuedTokens()],
    ),
  );
  afterAll(async () => {
    await engine?.destroy().catch(() => undefined);
    await engine?.dispose();
    await emulator?.close();
  });

  it("after a SIGKILL mid-create, cancel, refresh --clear-pending-creates and up leave one token in state", async () => {
    const minted = await upKilledMidMint();

    const interrupted = await deployment();
    expect(interrupted.pending_operations).toHaveLength(1);
    expect(interrupted.pending_operations[0]).toMatchObject({ type: "creating", resource: { type: TOKEN_TYPE } });
    expect((interrupted.resources ?? []).filter((r: { type: string }) => r.type === TOKEN_TYPE)).toEqual([]);

    // The documented recovery.
    await cli(["cancel", "--yes"]);
    await cli(["refresh", "--clear-pending-creates", "--yes"]);
    const repaired = await deployment();
    expect(repaired.pending_operations ?? []).toEqual([]);

    emulator.admin.resetCounters();
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ create: 1, same: 1 });
    expect(emulator.admin.counters().token).toBe(1);
    const recovered = await deployment();
    expect(recovered.pending_operations ?? []).toEqual([]);
    expect(recovered.resources.filter((r: { type: string }) => r.type === TOKEN_TYPE)).toHaveLength(1);
    // The token minted during the killed run is in no state, and the server still accepts it.
    expect(minted).not.toContain(result.outputs.accessToken!.value);
    expect(await accepted(minted)).toHaveLength(1);
  });

  it("after a SIGKILL mid-rotation, cancel and refresh keep the old token, and the next up rotates", async () => {
    const decrypted = async () => (await engine.exportDecrypted()).deployment.resources?.find((r) => r.type === TOKEN_TYPE);
    const before = await decrypted();
    release = "2";
    const minted = await upKilledMidMint();

    const interrupted = await deployment();
    expect(interrupted.pending_operations).toHaveLength(1);
    expect(interrupted.pending_operations[0]).toMatchObject({ type: "updating", resource: { type: TOKEN_TYPE } });
    const kept = await decrypted();
    expect(kept?.id).toBe(before?.id);
    expect(kept?.outputs).toEqual(before?.outputs);

    await cli(["cancel", "--yes"]);
    await cli(["refresh", "--yes"]);
    expect((await deployment()).pending_operations ?? []).toEqual([]);

    emulator.admin.resetCounters();
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(emulator.admin.counters().token).toBe(1);
    expect(minted).not.toContain(result.outputs.accessToken!.value);
    // The old token (still valid) and the orphan of the killed rotation, both in no state now.
    expect(await accepted(minted)).toHaveLength(3);
  });
});
