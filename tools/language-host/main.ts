// pulumi-language-nodejs, a stand-in for Pulumi's Node.js language host on machines whose Pulumi has
// none (the CLI built from the Go module proxy). Same protocol as the official host
// (sdk/nodejs/cmd/pulumi-language-nodejs in pulumi/pulumi):
//
//   pulumi-language-nodejs [--logtostderr] [-v=N] [--tracing URL] <engine address>
//
// It serves the LanguageRuntime gRPC service on 127.0.0.1 (a free port), prints only that port on
// stdout, and exits when the engine goes away: stdin closed (the engine holds its write end), the
// engine's address unreachable, or SIGINT/SIGTERM (after the running RPCs end).
import * as grpc from "@grpc/grpc-js";
import { LanguageRuntimeService } from "@pulumi/pulumi/proto/language_grpc_pb";
import { running } from "./run";
import { languageRuntimeServer } from "./service";

/** Set by the build (esbuild --define): the version of the pulumi this host is installed for. */
declare const PFT_PULUMI_VERSION: string | undefined;
const version = typeof PFT_PULUMI_VERSION === "string" ? PFT_PULUMI_VERSION : "0.0.0-dev";
const HEALTH_INTERVAL_MS = 5_000;
const STOP_GRACE_MS = 5_000;

interface Args {
  engineAddress: string;
  tracing: string;
  verbose: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { engineAddress: "", tracing: "", verbose: 0 };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.replace(/^--?/, "-").split(/=(.*)/s, 2) as [string, string | undefined];
    if (!arg.startsWith("-")) positional.push(arg);
    else if (flag === "-version") {
      process.stdout.write(`${version}\n`);
      process.exit(0);
    } else if (flag === "-logtostderr" || flag === "-logflow") continue;
    else if (flag === "-v") args.verbose = Number(inline ?? argv[++i] ?? 0);
    else if (flag === "-tracing") args.tracing = inline ?? argv[++i] ?? "";
    else if (flag === "-runtime") {
      const runtime = inline ?? argv[++i];
      if (runtime !== "nodejs") fatal(`unsupported runtime: ${runtime} (this stand-in host runs nodejs only)`);
    } else fatal(`unknown flag ${arg}\nusage: pulumi-language-nodejs [--logtostderr] [-v=N] [--tracing URL] <engine address>`);
  }
  args.engineAddress = positional[0] ?? "";
  return args;
}

function fatal(message: string): never {
  process.stderr.write(`pulumi-language-nodejs: ${message}\n`);
  process.exit(1);
}

let stopping = false;

/** Stops accepting calls, stops the running programs (SIGINT, then SIGKILL), and exits. */
function shutdown(server: grpc.Server, why: string, verbose: number, graceful: boolean): void {
  if (stopping) return;
  stopping = true;
  if (verbose >= 5) process.stderr.write(`pulumi-language-nodejs: ${why}: stopping\n`);
  const exit = () => {
    for (const child of running) child.kill("SIGKILL");
    process.exit(0);
  };
  if (graceful) {
    // Like the official host's GracefulStop: the running Run finishes (the engine cancels it).
    server.tryShutdown(exit);
  } else {
    for (const child of running) child.kill("SIGINT");
    server.forceShutdown();
    if (running.size === 0) exit();
    else {
      const timer = setTimeout(exit, STOP_GRACE_MS);
      for (const child of running) child.on("exit", () => running.size === 0 && (clearTimeout(timer), exit()));
    }
  }
}

/** Polls the engine's gRPC health service; an unreachable engine means it is gone. */
function watchEngine(address: string, onGone: () => void): void {
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  const timer = setInterval(() => {
    client.makeUnaryRequest(
      "/grpc.health.v1.Health/Check",
      () => Buffer.alloc(0),
      (b: Buffer) => b,
      Buffer.alloc(0),
      { deadline: Date.now() + HEALTH_INTERVAL_MS },
      (err) => {
        // UNIMPLEMENTED or any answer means someone is there.
        if (err?.code === grpc.status.UNAVAILABLE) onGone();
      },
    );
  }, HEALTH_INTERVAL_MS);
  timer.unref();
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(LanguageRuntimeService, languageRuntimeServer({ ...args, version }));
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) fatal(`could not start language host RPC server: ${err.message}`);
    process.stdout.write(`${port}\n`);
  });
  process.stdin.on("end", () => shutdown(server, "stdin closed", args.verbose, false));
  process.stdin.on("error", () => shutdown(server, "stdin error", args.verbose, false));
  process.stdin.resume();
  if (args.engineAddress) watchEngine(args.engineAddress, () => shutdown(server, "engine unreachable", args.verbose, false));
  process.on("SIGINT", () => shutdown(server, "SIGINT", args.verbose, true));
  process.on("SIGTERM", () => shutdown(server, "SIGTERM", args.verbose, false));
}

main();
