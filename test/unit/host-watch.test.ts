// provider/core/host-watch.ts with real processes (the built dist/core/host-watch.js): a watcher exits when
// its parent is killed or its stdin pipe closes, never because stdin is /dev/null, and never stays alive
// because of the watch.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { watchHost } from "../../provider/core/host-watch";
import { running, until } from "../helpers/host-gone";

const WATCH = path.join(__dirname, "../../dist/core/host-watch.js");
/** A process that watches its host and would otherwise run for a minute. */
const watcher = (options: string) => `require(${JSON.stringify(WATCH)}).watchHost(${options}); setTimeout(() => {}, 60000);`;

const started: ChildProcess[] = [];
const start = (args: string[], stdin: "pipe" | "ignore") => {
  const child = spawn(process.execPath, args, { stdio: [stdin, "pipe", "inherit"] });
  started.push(child);
  return child;
};
const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));
afterEach(() => {
  for (const child of started.splice(0)) child.kill("SIGKILL");
});

it("exits once its parent is killed with SIGKILL (re-parented)", async () => {
  // The parent starts the watcher, prints its pid, and waits; the test kills the parent.
  const parentScript = `const c = require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(watcher("{}"))}], { stdio: "ignore" }); console.log(c.pid); setTimeout(() => {}, 60000);`;
  const parent = start(["-e", parentScript], "ignore");
  const pid = await new Promise<number>((resolve) => parent.stdout!.once("data", (d: Buffer) => resolve(Number(String(d).trim()))));
  expect(running(pid)).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 300)); // the watcher is up
  parent.kill("SIGKILL");
  await until(() => !running(pid), "the watcher to exit", 5000);
});

it("exits when its stdin pipe closes, with stdinPipe", async () => {
  const child = start(["-e", watcher("{ stdinPipe: true }")], "pipe");
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(child.exitCode).toBeNull();
  child.stdin!.end();
  expect(await exited(child)).toBe(1);
});

it("keeps running with stdin on /dev/null, which is no pipe", async () => {
  const child = start(["-e", watcher("{ stdinPipe: true }")], "ignore");
  await new Promise((resolve) => setTimeout(resolve, 800));
  expect(child.exitCode).toBeNull();
});

it("does not keep the process alive: a watcher with nothing else to do exits on its own", async () => {
  const child = start(["-e", `require(${JSON.stringify(WATCH)}).watchHost({ stdinPipe: true, probe: async () => true })`], "pipe");
  expect(await exited(child)).toBe(0);
});

it("ends on the second failed probe in a row, not on one", async () => {
  const answers = [false, true, false, false, true];
  let asked = 0;
  const reasons: string[] = [];
  const watch = watchHost({ probe: async () => answers[asked++] ?? true, probeEveryMs: 10, onGone: (reason) => reasons.push(reason) });
  try {
    await until(() => asked >= answers.length || reasons.length > 0, "the probes", 5000);
    expect(reasons).toEqual(["the host stopped answering"]);
    expect(asked).toBe(4);
  } finally {
    watch.stop();
  }
});
