// terraform-provider-flagship as a process, as go-plugin starts it: the magic cookie, the handshake line,
// AutoMTLS, health, the controller's Shutdown; spoken to by a grpc-js client with the host's side of TLS.
import { spawn } from "node:child_process";
import { X509Certificate } from "node:crypto";
import path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import { LISTS, RESOURCES, snakeOf } from "../../provider/core/resources";
import { loadServices } from "../../provider/terraform/protos";
import { makeCertificate } from "../../provider/terraform/tls";

const MAIN = path.resolve(__dirname, "..", "..", "dist", "terraform", "main.js");
const COOKIE = { TF_PLUGIN_MAGIC_COOKIE: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2" };

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const line = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => stdout.includes("\n") && resolve(stdout.split("\n")[0] ?? ""));
    child.on("close", () => reject(new Error(`exited before the handshake: ${stderr}`)));
  });
  line.catch(() => undefined); // awaited only by the tests that expect a handshake
  return { child, exited, line, output: () => ({ stdout, stderr }) };
}

function call<T>(client: grpc.Client, method: string, request: object): Promise<T> {
  return new Promise((resolve, reject) =>
    (client as unknown as Record<string, (r: object, cb: (e: Error | null, v: T) => void) => void>)[method]!(request, (error, value) =>
      error ? reject(error) : resolve(value),
    ),
  );
}

describe("terraform-provider-flagship as a plugin process", () => {
  it("without the magic cookie it says it is a plugin and how to use it, and exits 1", async () => {
    const plugin = start({});
    expect(await plugin.exited).toBe(1);
    expect(plugin.output().stdout).toBe("");
    expect(plugin.output().stderr).toContain("a Terraform / OpenTofu provider plugin (plugin protocol 6)");
    expect(plugin.output().stderr).toContain('source = "flagship-token/flagship"');
  });

  it("with the cookie but no PLUGIN_CLIENT_CERT it refuses to start, and exits 1", async () => {
    const plugin = start(COOKIE);
    expect(await plugin.exited).toBe(1);
    expect(plugin.output().stderr).toContain("PLUGIN_CLIENT_CERT is not set");
  });

  it("prints one handshake line, serves health and the schema over mutual TLS, and exits 0 on Shutdown", async () => {
    const host = await makeCertificate();
    const plugin = start({ ...COOKIE, PLUGIN_CLIENT_CERT: host.certPem, PLUGIN_PROTOCOL_VERSIONS: "6" });
    const line = await plugin.line;
    const match = /^1\|6\|tcp\|127\.0\.0\.1:(\d+)\|grpc\|([A-Za-z0-9+/]+)$/.exec(line);
    expect(match).not.toBeNull();
    const serverCert = new X509Certificate(Buffer.from(match![2]!, "base64"));
    expect(serverCert.subjectAltName).toBe("DNS:localhost");
    expect(serverCert.ca).toBe(true);

    const services = loadServices();
    const credentials = grpc.credentials.createSsl(Buffer.from(serverCert.toString()), Buffer.from(host.keyPem), Buffer.from(host.certPem));
    const options = { "grpc.ssl_target_name_override": "localhost" };
    const address = `127.0.0.1:${match![1]}`;
    const Health = grpc.makeGenericClientConstructor(services.health, "Health");
    const Provider = grpc.makeGenericClientConstructor(services.provider, "Provider");
    const Controller = grpc.makeGenericClientConstructor(services.controller, "GRPCController");
    const health = new Health(address, credentials, options);
    const provider = new Provider(address, credentials, options);
    const controller = new Controller(address, credentials, options);

    expect(await call(health, "Check", { service: "plugin" })).toEqual({ status: "SERVING" });
    const schema = await call<{ resource_schemas: Record<string, unknown>; data_source_schemas: Record<string, unknown>; ephemeral_resource_schemas: Record<string, unknown> }>(
      provider,
      "GetProviderSchema",
      {},
    );
    expect(Object.keys(schema.resource_schemas)).toEqual(["flagship_token", ...RESOURCES.map((d) => `flagship_${snakeOf(d.name)}`)]);
    expect(Object.keys(schema.data_source_schemas)).toEqual(LISTS.map((d) => `flagship_${snakeOf(d.name)}`));
    expect(Object.keys(schema.ephemeral_resource_schemas)).toEqual(["flagship_token"]);
    expect(await call(provider, "StopProvider", {})).toEqual({ Error: "" });
    await call(controller, "Shutdown", {});
    expect(await plugin.exited).toBe(0);
    expect(plugin.output().stdout.split("\n")).toEqual([line, ""]);
    for (const client of [health, provider, controller]) client.close();
  });

  it("refuses a client without the certificate it was given", async () => {
    const host = await makeCertificate();
    const stranger = await makeCertificate();
    const plugin = start({ ...COOKIE, PLUGIN_CLIENT_CERT: host.certPem });
    const match = /\|tcp\|127\.0\.0\.1:(\d+)\|grpc\|(.+)$/.exec(await plugin.line)!;
    const serverPem = new X509Certificate(Buffer.from(match[2]!, "base64")).toString();
    const Health = grpc.makeGenericClientConstructor(loadServices().health, "Health");
    const health = new Health(
      `127.0.0.1:${match[1]}`,
      grpc.credentials.createSsl(Buffer.from(serverPem), Buffer.from(stranger.keyPem), Buffer.from(stranger.certPem)),
      { "grpc.ssl_target_name_override": "localhost" },
    );
    const deadline = new Date(Date.now() + 3000);
    await expect(
      new Promise((resolve, reject) =>
        (health as unknown as { Check: (r: object, m: grpc.Metadata, o: grpc.CallOptions, cb: (e: Error | null, v: unknown) => void) => void }).Check(
          { service: "plugin" },
          new grpc.Metadata(),
          { deadline },
          (e, v) => (e ? reject(e) : resolve(v)),
        ),
      ),
    ).rejects.toThrow();
    health.close();
    plugin.child.kill("SIGTERM");
    await plugin.exited;
  });
});
