// bin/pulumi-resource-flagship as the engine starts it: the built plugin, writing only its port.
import { spawn } from "node:child_process";
import { connect } from "node:net";
import path from "node:path";
import { expect, it } from "vitest";

it("the launcher starts the plugin, which writes only its port to stdout and listens on it", async () => {
  const child = spawn(path.join(__dirname, "../../bin/pulumi-resource-flagship"), [], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    await new Promise<void>((resolve, reject) => {
      child.stdout.once("data", () => setTimeout(resolve, 500)); // anything more would come right after
      child.once("exit", (code) => reject(new Error(`the plugin exited ${code}`)));
    });
    expect(stdout).toMatch(/^\d+\n$/);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(stdout), "127.0.0.1", () => socket.end(resolve)).on("error", reject);
    });
  } finally {
    child.kill();
  }
});
