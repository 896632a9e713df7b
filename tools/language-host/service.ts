// The LanguageRuntime service: the RPCs a Node.js host needs for `pulumi up`, `pulumi install`,
// `pulumi about` and Node.js plugins; every other one answers UNIMPLEMENTED, as the gRPC default would.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { LanguageRuntimeService } from "@pulumi/pulumi/proto/language_grpc_pb";
import {
  AboutRequest,
  AboutResponse,
  GetProgramDependenciesRequest,
  GetProgramDependenciesResponse,
  GetRequiredPackagesRequest,
  GetRequiredPackagesResponse,
  RunRequest,
  RunResponse,
} from "@pulumi/pulumi/proto/language_pb";
import { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { findOnPath, HostError, programNode } from "./node";
import { programDependencies, requiredPackages } from "./packages";
import { running, runProgram, stopProgram } from "./run";
import { installDependencies, packageManagerName, runPlugin } from "./streams";

const execFileAsync = promisify(execFile);

export interface HostSettings {
  engineAddress: string;
  tracing: string;
  /** The version of the pulumi this host was installed for (GetPluginInfo). */
  version: string;
}

type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => void;

/** A unary handler from an async function; a thrown error becomes the RPC's error, message as is. */
function unary<Req, Res>(fn: (call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res> | Res): Unary<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => fn(call))
      .then(
        (res) => callback(null, res),
        (e: unknown) => callback({ code: grpc.status.UNKNOWN, details: e instanceof Error ? e.message : String(e) }),
      );
  };
}

const unimplemented: Unary<unknown, unknown> = (call, callback) =>
  callback({ code: grpc.status.UNIMPLEMENTED, details: `method ${call.getPath().split("/").pop()} not implemented` });

async function about(req: AboutRequest): Promise<AboutResponse> {
  const node = await programNode();
  const dir = req.getInfo()?.getProgramDirectory() || process.cwd();
  const pm = packageManagerName(dir, req.getInfo());
  const quiet = async (bin: string | undefined, args: string[]) =>
    bin ? (await execFileAsync(bin, args, { cwd: dir, timeout: 30_000 }).catch(() => ({ stdout: "" }))).stdout.trim() : "";
  const [pmVersion, tsVersion] = await Promise.all([
    quiet(findOnPath(pm), ["--version"]),
    quiet(node.bin, ["-e", "console.log(require('typescript/package.json').version)"]),
  ]);
  const response = new AboutResponse().setExecutable(node.bin).setVersion(node.version);
  const metadata = response.getMetadataMap();
  metadata.set("packagemanager", pm);
  metadata.set("packagemanagerVersion", pmVersion);
  if (tsVersion) metadata.set("typescriptVersion", tsVersion);
  return response;
}

export function languageRuntimeServer(settings: HostSettings): grpc.UntypedServiceImplementation {
  const handlers: grpc.UntypedServiceImplementation = {};
  for (const name of Object.keys(LanguageRuntimeService)) {
    const method = (LanguageRuntimeService as Record<string, grpc.MethodDefinition<unknown, unknown>>)[name]!;
    handlers[name] = method.responseStream
      ? (call: grpc.ServerWritableStream<unknown, unknown>) =>
          call.emit("error", { code: grpc.status.UNIMPLEMENTED, details: `method ${name} not implemented` })
      : unimplemented;
  }
  return {
    ...handlers,
    getPluginInfo: unary<Empty, PluginInfo>(() => new PluginInfo().setVersion(settings.version)),
    getRequiredPackages: unary<GetRequiredPackagesRequest, GetRequiredPackagesResponse>((call) =>
      new GetRequiredPackagesResponse().setPackagesList(requiredPackages(call.request.getInfo()?.getProgramDirectory() || ".")),
    ),
    run: unary<RunRequest, RunResponse>((call) =>
      runProgram(call.request, {
        engineAddress: settings.engineAddress,
        tracing: settings.tracing,
        onCancelled: (listener) => call.on("cancelled", listener),
      }),
    ),
    installDependencies,
    runPlugin,
    about: unary<AboutRequest, AboutResponse>((call) => about(call.request)),
    getProgramDependencies: unary<GetProgramDependenciesRequest, GetProgramDependenciesResponse>((call) => {
      const dir = call.request.getInfo()?.getProgramDirectory() || call.request.getPwd();
      if (!dir) throw new HostError("GetProgramDependencies: no program directory");
      return new GetProgramDependenciesResponse().setDependenciesList(
        programDependencies(dir, call.request.getTransitivedependencies()),
      );
    }),
    cancel: unary<Empty, Empty>(() => {
      for (const child of running) stopProgram(child);
      return new Empty();
    }),
  };
}
