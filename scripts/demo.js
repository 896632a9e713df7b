#!/usr/bin/env node
// `npm run demo`: the whole life of a token on the real Pulumi engine, against the local emulator, with
// no Flagship account and no network. It runs the quick-start program (examples/quickstart/program.ts)
// as an Automation API inline program: mint, a no-op up, a forced rotation, destroy.
//
//   npm run demo                 # needs `source scripts/setup.sh` first (node 22, pulumi on PATH)
//   npm run demo -- --keep       # keep the stack afterwards, to look at it with the pulumi CLI
//   npm run demo -- --verbose    # also print what the pulumi CLI printed
//
// State goes to .pulumi-state/demo/ (git-ignored), wiped at the start of every run. It never prints a
// token or a client secret, and checks that none is in the CLI output or the state files in plain text.
// Exit code 0 only when every step did what it says.
"use strict";

const { execFileSync } = require("node:child_process");
const { randomBytes } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const stateDir = path.join(root, ".pulumi-state", "demo");
const rel = (p) => path.relative(process.cwd(), p) || ".";
const args = new Set(process.argv.slice(2));
const KEEP = args.has("--keep");
const VERBOSE = args.has("--verbose");
for (const a of args) {
  if (a !== "--keep" && a !== "--verbose") {
    console.error(`demo: unknown option ${a} (use --keep, --verbose)`);
    process.exit(2);
  }
}

const STEPS = 6;
let step = 0;
const say = (line) => console.log(line);
const begin = (text) => say(`\n[${++step}/${STEPS}] ${text}`);
const detail = (text) => say(`      ${text}`);

class DemoFailure extends Error {}
/** Fails the demo with a message saying what was expected; never called with a secret. */
function check(condition, message) {
  if (!condition) throw new DemoFailure(message);
}
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
const changes = (summary) =>
  Object.entries(summary.resourceChanges ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ");
const sameChanges = (summary, expected) => JSON.stringify(summary.resourceChanges ?? {}) === JSON.stringify(expected);

// ---- Preconditions --------------------------------------------------------------------------------
function pulumiVersion() {
  try {
    return execFileSync("pulumi", ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } }).trim();
  } catch {
    return undefined;
  }
}
const version = pulumiVersion();
if (!version) {
  console.error("demo: no `pulumi` CLI on PATH. Run `source scripts/setup.sh` in this shell first, then `npm run demo`.");
  process.exit(1);
}
if (!fs.existsSync(path.join(root, "dist", "index.js")) || !fs.existsSync(path.join(root, "node_modules", "pulumi-flagship-token"))) {
  console.error("demo: the package is not built. Run `npm run build` (or `source scripts/setup.sh`) first.");
  process.exit(1);
}

// The examples are TypeScript: compile them on require (CommonJS), so the demo runs the same source file
// the examples' index.ts and the engine tests use.
const ts = require("typescript");
require.extensions[".ts"] = (mod, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  mod._compile(outputText, filename);
};

const { LocalWorkspace } = require("@pulumi/pulumi/automation");
const { startEmulator, DEMO_CLIENT } = require("pulumi-flagship-token/emulator");
const { quickstart } = require(path.join(root, "examples", "quickstart", "program.ts"));

async function main() {
  let emulator;
  let stack;
  const cliOutput = [];
  const onOutput = (text) => {
    cliOutput.push(text);
    if (VERBOSE) process.stdout.write(text.replace(/^(?=.)/gm, "      | "));
  };

  try {
    say(`pulumi-flagship-token demo (pulumi ${version}, node ${process.version})`);

    // 1. The emulator ------------------------------------------------------------------------------
    begin("Starting the Flagship auth emulator…");
    emulator = await startEmulator({ port: 0, clients: [DEMO_CLIENT] });
    detail(`listening on ${emulator.url}`);
    detail(`demo client: account ${DEMO_CLIENT.accountId}, client ${DEMO_CLIENT.clientId}, secret [secret]`);
    const counters = () => emulator.admin.counters();

    // 2. The stack ---------------------------------------------------------------------------------
    begin(`Creating stack "demo" in a local file backend (${rel(path.join(stateDir, "backend"))})…`);
    const existed = fs.existsSync(stateDir);
    fs.rmSync(stateDir, { recursive: true, force: true });
    if (existed) detail(`removed the previous demo's state first`);
    const backendDir = path.join(stateDir, "backend");
    const home = path.join(stateDir, "home");
    const workDir = path.join(stateDir, "work");
    for (const dir of [backendDir, home, workDir]) fs.mkdirSync(dir, { recursive: true });
    // A fresh random passphrase per run, in a file: the way to read the state back is printed below,
    // the passphrase itself never is.
    const passphraseFile = path.join(stateDir, "passphrase");
    fs.writeFileSync(passphraseFile, randomBytes(24).toString("base64url"), { mode: 0o600 });
    const backendUrl = `file://${backendDir}`;
    const envVars = {
      PULUMI_BACKEND_URL: backendUrl,
      PULUMI_CONFIG_PASSPHRASE: fs.readFileSync(passphraseFile, "utf8"),
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_HOME: home,
    };
    const projectName = "flagship-token-quickstart";
    stack = await LocalWorkspace.createOrSelectStack(
      { projectName, stackName: "demo", program: async () => quickstart() },
      {
        workDir,
        pulumiHome: home,
        envVars,
        // `main` is the repository root: there the dynamic-provider plugin resolves @pulumi/pulumi and
        // pulumi-flagship-token (node_modules/pulumi-flagship-token: the copy `npm run build` installs, scripts/link-self.js).
        projectSettings: { name: projectName, runtime: "nodejs", main: root, backend: { url: backendUrl } },
      },
    );
    await stack.setAllConfig({
      "flagship:accountId": { value: DEMO_CLIENT.accountId },
      "flagship:clientId": { value: DEMO_CLIENT.clientId },
      "flagship:clientSecret": { value: DEMO_CLIENT.clientSecret, secret: true },
      "flagship:authUrl": { value: emulator.url },
    });
    const config = await stack.getAllConfig();
    check(config["flagship:clientSecret"]?.secret === true, "flagship:clientSecret was not stored as a secret");
    detail(`project ${projectName}, program examples/quickstart/program.ts (inline), state passphrase in ${rel(passphraseFile)}`);
    detail(`config: flagship:accountId=${DEMO_CLIENT.accountId} flagship:clientId=${DEMO_CLIENT.clientId}`);
    detail(`        flagship:clientSecret=[secret] flagship:authUrl=${emulator.url}`);

    // 3. First up: mint ----------------------------------------------------------------------------
    begin("pulumi up: minting a token…");
    emulator.admin.resetCounters();
    const first = await stack.up({ onOutput, onError: onOutput });
    const minted = counters().token;
    detail(`${changes(first.summary)}; ${plural(minted, "token request")} to the emulator`);
    check(first.summary.result === "succeeded", `the first up ended with result ${first.summary.result}`);
    check(sameChanges(first.summary, { create: 2 }), "the first up should create the stack and one Token");
    check(minted === 1, `the first up should send 1 token request, it sent ${minted}`);
    const o1 = first.outputs;
    check(o1.accessToken?.secret === true, "the accessToken output is not a secret");
    check(emulator.admin.issuedTokens().includes(o1.accessToken.value), "the accessToken output is not a token the emulator issued");
    detail("outputs:");
    detail(`  accessToken: [secret]`);
    detail(`  scope      : ${o1.scope?.value}`);
    detail(`  issuedAt   : ${o1.issuedAt?.value}`);
    detail(`  expiresAt  : ${o1.expiresAt?.value}`);
    detail("to see the token: `npm run demo -- --keep`, then");
    detail(
      `  (cd ${rel(workDir)} && PULUMI_HOME=$PWD/../home PULUMI_CONFIG_PASSPHRASE_FILE=$PWD/../passphrase pulumi stack output accessToken --show-secrets --stack demo)`,
    );
    detail("  or, in an Automation API program: (await stack.outputs()).accessToken.value");

    // 4. Second up: nothing to do ------------------------------------------------------------------
    begin("pulumi up again, with nothing changed…");
    emulator.admin.resetCounters();
    const second = await stack.up({ onOutput, onError: onOutput });
    const noop = counters().token;
    detail(`${changes(second.summary)}; ${plural(noop, "token request")}`);
    check(sameChanges(second.summary, { same: 2 }), "the second up should change nothing");
    check(noop === 0, `the second up should send no token request, it sent ${noop}`);
    const o2 = await stack.outputs();
    check(o2.accessToken.value === o1.accessToken.value, "the second up changed the token");
    detail("same token, same issuedAt: a `pulumi up` only mints when something asks for it");

    // 5. Forced rotation ---------------------------------------------------------------------------
    const trigger = `demo-${new Date().toISOString()}`;
    begin(`Forcing a rotation: pulumi config set rotationTrigger ${trigger}, then pulumi up…`);
    await stack.setConfig("rotationTrigger", { value: trigger });
    emulator.admin.resetCounters();
    const third = await stack.up({ onOutput, onError: onOutput });
    const rotated = counters().token;
    detail(`${changes(third.summary)}; ${plural(rotated, "token request")}`);
    check(sameChanges(third.summary, { same: 1, update: 1 }), "changing rotationTrigger should update the Token in place");
    check(rotated === 1, `the rotation should send 1 token request, it sent ${rotated}`);
    const o3 = third.outputs;
    check(o3.accessToken?.secret === true, "the new accessToken output is not a secret");
    check(o3.accessToken.value !== o1.accessToken.value, "the token did not change");
    check(Date.parse(o3.issuedAt.value) > Date.parse(o1.issuedAt.value), "issuedAt did not move forward");
    detail(`issuedAt : ${o1.issuedAt.value} => ${o3.issuedAt.value}`);
    detail(`expiresAt: ${o1.expiresAt?.value} => ${o3.expiresAt?.value}`);
    detail("accessToken: [secret], and a different token than before (compared in memory, not shown)");

    // No token and no client secret in plain text in what the CLI printed or in the state files.
    const secrets = [DEMO_CLIENT.clientSecret, ...emulator.admin.issuedTokens()];
    const leaks = [
      ["the pulumi CLI output", cliOutput.join("")],
      ...listFiles(stateDir).map((f) => [rel(f), fs.readFileSync(f, "utf8")]),
    ].filter(([, text]) => secrets.some((s) => text.includes(s)));
    check(leaks.length === 0, `a token or the client secret is in plain text in: ${leaks.map(([where]) => where).join(", ")}`);
    detail(`checked: no token and no client secret in plain text in the CLI output or in ${rel(stateDir)} (${plural(listFiles(stateDir).length, "file")})`);

    // 6. Destroy -----------------------------------------------------------------------------------
    if (KEEP) {
      begin("Keeping the stack (--keep)…");
      detail(`stack "demo" stays in ${rel(backendDir)}; the emulator stops with this script, so the token no longer works,`);
      detail("but its state can still be read with the command above. The next `npm run demo` starts afresh.");
    } else {
      begin("pulumi destroy, then stopping the emulator…");
      emulator.admin.resetCounters();
      const destroyed = await stack.destroy({ onOutput, onError: onOutput });
      const calls = counters().token + counters().tokenInfo;
      detail(`${changes(destroyed.summary)}; ${plural(calls, "request")} to the emulator (Flagship cannot revoke one token: destroy forgets it)`);
      check(sameChanges(destroyed.summary, { delete: 2 }), "destroy should delete the stack and the Token");
      check(calls === 0, `destroy should not call the auth server, it sent ${calls} requests`);
      await stack.workspace.removeStack("demo");
      fs.rmSync(stateDir, { recursive: true, force: true });
      detail(`stack removed, ${rel(stateDir)} deleted`);
    }
    await emulator.close();
    emulator = undefined;
    detail("emulator stopped");
    say("\nDemo OK: minted, no-op up sent 0 token requests, rotation minted a new token, nothing secret printed or stored in plain text.");
    return 0;
  } catch (e) {
    const where = step > 0 ? ` at step ${step}/${STEPS}` : "";
    if (e instanceof DemoFailure) {
      console.error(`\nDemo FAILED${where}: ${e.message}`);
    } else {
      console.error(`\nDemo FAILED${where}: ${e instanceof Error ? e.message : String(e)}`);
      if (!VERBOSE) console.error("(run `npm run demo -- --verbose` to see what the pulumi CLI printed)");
    }
    return 1;
  } finally {
    if (emulator) await emulator.close();
  }
}

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : entry.isFile() ? [full] : [];
  });
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`demo: unexpected error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
