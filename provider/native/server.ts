// Serves the native provider with `@pulumi/pulumi/provider`'s `main`. That server forwards only
// `changes`, `replaces` and `deleteBeforeReplace` of a diff; so that `pulumi preview --diff`,
// `replaceOnChanges` and `ignoreChanges` work property by property, its Diff handler is swapped for one
// that also sends the core's per-property detail (`detailedDiff`); and CheckConfig, DiffConfig and
// Configure, which it leaves unimplemented or ignores, get handlers for the provider's own inputs.
import * as grpc from "@grpc/grpc-js";
import * as pulumiProvider from "@pulumi/pulumi/provider";
import type { PropertyDiff } from "../core/token-provider";
import type { NativeProvider } from "./provider";

const provproto = require("@pulumi/pulumi/proto/provider_pb");
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const engproto = require("@pulumi/pulumi/proto/engine_pb");
const engrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");

const Kind = provproto.PropertyDiff.Kind;
function kindOf(diff: PropertyDiff): number {
  if (diff.kind === "add") return diff.replace ? Kind.ADD_REPLACE : Kind.ADD;
  if (diff.kind === "delete") return diff.replace ? Kind.DELETE_REPLACE : Kind.DELETE;
  return diff.replace ? Kind.UPDATE_REPLACE : Kind.UPDATE;
}

type Callback = grpc.sendUnaryData<unknown>;
interface DiffCall {
  request: { getId(): string; getUrn(): string; getOlds(): Struct; getNews(): Struct };
}
interface Struct {
  toJavaScript(): Record<string, unknown>;
}

function diffHandler(provider: NativeProvider) {
  return async (call: grpc.ServerUnaryCall<DiffCall["request"], unknown>, callback: Callback) => {
    try {
      const req = call.request;
      const outcome = await provider.diff(req.getId(), req.getUrn(), req.getOlds().toJavaScript(), req.getNews().toJavaScript());
      const resp = new provproto.DiffResponse();
      const { DIFF_SOME, DIFF_NONE } = provproto.DiffResponse.DiffChanges;
      resp.setChanges(outcome.changes ? DIFF_SOME : DIFF_NONE);
      resp.setReplacesList(outcome.replaces);
      resp.setDeletebeforereplace(outcome.deleteBeforeReplace);
      // Input properties only: the CLI shows an output entry (a rotation's accessToken) as a deletion. With
      // none, the engine shows the update without property lines, and the rotation reason in words.
      const keys = Object.keys(outcome.detailedDiff).filter((key) => outcome.detailedDiff[key]?.input);
      resp.setDiffsList(keys);
      resp.setHasdetaileddiff(keys.length > 0);
      const map = resp.getDetaileddiffMap();
      for (const key of keys) {
        const detail = outcome.detailedDiff[key] as PropertyDiff;
        const entry = new provproto.PropertyDiff();
        entry.setKind(kindOf(detail));
        entry.setInputdiff(detail.input);
        map.set(key, entry);
      }
      callback(null, resp);
    } catch (e) {
      console.error(`${e}`);
      callback(e as grpc.ServiceError, null);
    }
  };
}

interface ConfigCall {
  request: { getUrn(): string; getOlds(): Struct | undefined; getNews(): Struct | undefined };
}
/** google-protobuf's Struct, taken from a request (the package is @pulumi/pulumi's dependency, not ours). */
type StructClass = { fromJavaScript(value: Record<string, unknown>): unknown };

/** CheckConfig: the provider's own inputs (`pulumi:providers:flagship`), validated; the server's is unimplemented. */
function checkConfigHandler(provider: NativeProvider) {
  return async (call: grpc.ServerUnaryCall<ConfigCall["request"], unknown>, callback: Callback) => {
    try {
      const req = call.request;
      const news = req.getNews();
      const { inputs, failures } = await provider.checkConfig(req.getUrn(), req.getOlds()?.toJavaScript() ?? {}, news?.toJavaScript() ?? {});
      const resp = new provproto.CheckResponse();
      if (news) resp.setInputs((news.constructor as unknown as StructClass).fromJavaScript(inputs));
      resp.setFailuresList(
        failures.map((f) => {
          const failure = new provproto.CheckFailure();
          failure.setProperty(f.property);
          failure.setReason(f.reason);
          return failure;
        }),
      );
      callback(null, resp);
    } catch (e) {
      console.error(`${e}`);
      callback(e as grpc.ServiceError, null);
    }
  };
}

/** DiffConfig: a change of the provider's inputs updates the provider, never replaces it (the tokens decide). */
function diffConfigHandler(provider: NativeProvider) {
  return async (call: grpc.ServerUnaryCall<ConfigCall["request"], unknown>, callback: Callback) => {
    try {
      const req = call.request;
      const changed = provider.diffConfig(req.getOlds()?.toJavaScript() ?? {}, req.getNews()?.toJavaScript() ?? {});
      const resp = new provproto.DiffResponse();
      const { DIFF_SOME, DIFF_NONE } = provproto.DiffResponse.DiffChanges;
      resp.setChanges(changed.length > 0 ? DIFF_SOME : DIFF_NONE);
      resp.setDiffsList(changed);
      callback(null, resp);
    } catch (e) {
      console.error(`${e}`);
      callback(e as grpc.ServiceError, null);
    }
  };
}

/** Configure: keeps the provider's inputs for the credential chain; the server's ignores them. */
function configureHandler(provider: NativeProvider) {
  return async (call: grpc.ServerUnaryCall<{ getArgs(): Struct | undefined }, unknown>, callback: Callback) => {
    try {
      provider.configure(call.request.getArgs()?.toJavaScript() ?? {});
      const resp = new provproto.ConfigureResponse();
      resp.setAcceptsecrets(true);
      resp.setAcceptresources(true);
      resp.setAcceptoutputs(true);
      callback(null, resp);
    } catch (e) {
      console.error(`${e}`);
      callback(e as grpc.ServiceError, null);
    }
  };
}

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

/** Starts the gRPC server and prints its port (the only line on stdout), as the engine expects. */
export async function serve(provider: NativeProvider, args: string[]): Promise<void> {
  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (service, implementation) {
    if (service === provrpc.ResourceProviderService) {
      // Own properties over the class methods (a spread would drop the prototype's methods).
      implementation.diff = diffHandler(provider);
      implementation.checkConfig = checkConfigHandler(provider);
      implementation.diffConfig = diffConfigHandler(provider);
      implementation.configure = configureHandler(provider);
    }
    return addService.call(this, service, implementation);
  };
  await pulumiProvider.main(provider as unknown as pulumiProvider.Provider, args);
}
