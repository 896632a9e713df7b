// The native plugin's gRPC surface: its own grpc-js server with the ResourceProvider service
// (handlers.ts), the port line on stdout as the engine expects, and the engine's Log service and health
// probe. Nothing of `@pulumi/pulumi/provider`'s server is used.
import * as grpc from "@grpc/grpc-js";
import { resourceProviderService } from "./handlers";
import type { NativeProvider } from "./provider";

const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const engproto = require("@pulumi/pulumi/proto/engine_pb");
const engrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");

/** The Engine service's client, for its one method used here. */
interface EngineClient {
  log(req: unknown, callback: (error: unknown) => void): void;
}

/**
 * Messages for the user (rotation reasons), sent to the engine's Log service, attached to the resource:
 * the engine shows a plugin's stderr only with --debug. Falls back to stderr without an engine address.
 */
export function engineLogger(args: string[]): (message: string, urn: string) => void {
  const address = engineAddress(args);
  if (!address) return (message) => console.error(message);
  // Made by the first message: most runs of the plugin (check and diff only) send none.
  let client: EngineClient | undefined;
  return (message, urn) => {
    const req = new engproto.LogRequest();
    req.setSeverity(engproto.LogSeverity.INFO);
    req.setMessage(message);
    req.setUrn(urn);
    client ??= new engrpc.EngineClient(address, grpc.credentials.createInsecure()) as EngineClient;
    client.log(req, (error: unknown) => {
      if (error) console.error(message);
    });
  };
}

/**
 * The engine's address among the plugin's arguments, as `@pulumi/pulumi/provider` reads it: the first that
 * is not `--logtostderr`, `-v=N` or `--tracing <endpoint>`. Undefined when the engine attaches (no argument).
 */
export function engineAddress(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--tracing") i += 1;
    else if (!arg.startsWith("-")) return arg;
  }
  return undefined;
}

/**
 * A probe of the engine for the host watch: a gRPC health check on its address. Any answer, UNIMPLEMENTED
 * included, means alive (as the Go plugins' health check reads it); only UNAVAILABLE (nothing listens) means gone.
 */
export function engineProbe(address: string): () => Promise<boolean> {
  let client: grpc.Client | undefined;
  return () =>
    new Promise<boolean>((resolve) => {
      client ??= new grpc.Client(address, grpc.credentials.createInsecure());
      const deadline = new Date(Date.now() + 2000);
      client.makeUnaryRequest(
        "/grpc.health.v1.Health/Check",
        () => Buffer.alloc(0), // an empty HealthCheckRequest
        (bytes: Buffer) => bytes,
        Buffer.alloc(0),
        new grpc.Metadata(),
        { deadline },
        (error) => resolve(error?.code !== grpc.status.UNAVAILABLE),
      );
    });
}

/** The engine's requests and answers can be large (a schema, a big state): @pulumi/pulumi's server options. */
const SERVER_OPTIONS: grpc.ServerOptions = {
  "grpc.max_receive_message_length": 400 * 1024 * 1024,
  "grpc.server_max_unrequested_time_in_server": 30 * 60,
};

/**
 * Starts the gRPC server on a loopback port and prints the port (the only line on stdout), as the engine
 * expects. An error no handler caught is written on stderr and the plugin goes on serving, as
 * `@pulumi/pulumi/provider`'s server does (every handler catches its own).
 */
export async function serve(provider: NativeProvider): Promise<grpc.Server> {
  const report = (error: unknown) => console.error(error instanceof Error ? error.message : String(error));
  process.on("uncaughtException", report);
  process.on("unhandledRejection", report);
  const server = new grpc.Server(SERVER_OPTIONS);
  server.addService(provrpc.ResourceProviderService, resourceProviderService(provider));
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
  });
  process.stdout.write(`${port}\n`);
  return server;
}
