// The native plugin's ResourceProvider service (pulumirpc, `@pulumi/pulumi/proto/provider_grpc_pb`): one
// unary handler per method the engine calls, over the NativeProvider. They mirror the unary handlers of
// `@pulumi/pulumi/provider`'s server and add what it leaves out: a diff's per-property detail
// (`detailedDiff`, for `pulumi preview --diff`, `replaceOnChanges`, `ignoreChanges`), and CheckConfig,
// DiffConfig and Configure for the provider's own inputs. Methods not here (Handshake, Parameterize,
// Construct, Call, List, GetMapping(s)) answer UNIMPLEMENTED, grpc-js's default, which the engine takes as
// "not supported". Each handler writes the message of its error on stderr and sends it as the status.
import * as grpc from "@grpc/grpc-js";
import type { PropertyDiff } from "../core/token-provider";
import type { NativeProvider } from "./provider";

const provproto = require("@pulumi/pulumi/proto/provider_pb");
const plugproto = require("@pulumi/pulumi/proto/plugin_pb");
// google-protobuf, as @pulumi/pulumi's generated messages use it (its dependency, at its version).
const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as { Struct: StructClass };
const { Empty } = require("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => unknown };

interface Struct {
  toJavaScript(): Record<string, unknown>;
}
interface StructClass {
  fromJavaScript(value: Record<string, unknown>): Struct;
}
type Props = Record<string, unknown>;
/** A request message: its getters, by name (google-protobuf's generated classes). */
type Request = Record<string, () => unknown>;

const props = (struct: unknown): Props => (struct as Struct | undefined)?.toJavaScript() ?? {};
const structOf = (value: Props | undefined) => Struct.fromJavaScript(value ?? {});

/** A handler over a request's getters: its answer, or its error as an UNKNOWN status with the error's message. */
function unary(handle: (request: Request) => Promise<unknown> | unknown) {
  return (call: grpc.ServerUnaryCall<Request, unknown>, callback: grpc.sendUnaryData<unknown>) => {
    Promise.resolve()
      .then(() => handle(call.request))
      .then(
        (response) => callback(null, response),
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          console.error(message);
          callback({ code: grpc.status.UNKNOWN, details: message }, null);
        },
      );
  };
}

const Kind = provproto.PropertyDiff.Kind;
function kindOf(diff: PropertyDiff): number {
  if (diff.kind === "add") return diff.replace ? Kind.ADD_REPLACE : Kind.ADD;
  if (diff.kind === "delete") return diff.replace ? Kind.DELETE_REPLACE : Kind.DELETE;
  return diff.replace ? Kind.UPDATE_REPLACE : Kind.UPDATE;
}

function checkResponse(inputs: Props, failures: { property: string; reason: string }[]) {
  const resp = new provproto.CheckResponse();
  resp.setInputs(structOf(inputs));
  resp.setFailuresList(
    failures.map((f) => {
      const failure = new provproto.CheckFailure();
      failure.setProperty(f.property);
      failure.setReason(f.reason);
      return failure;
    }),
  );
  return resp;
}

/** The service's implementation, by the method names of `provider_grpc_pb`'s ResourceProviderService. */
export function resourceProviderService(provider: NativeProvider): grpc.UntypedServiceImplementation {
  const { DIFF_SOME, DIFF_NONE } = provproto.DiffResponse.DiffChanges;
  return {
    getPluginInfo: unary(() => {
      const resp = new plugproto.PluginInfo();
      resp.setVersion(provider.version);
      return resp;
    }),

    getSchema: unary(async (req) => {
      if (req.getVersion!() !== 0) throw new Error(`unsupported schema version ${String(req.getVersion!())}`);
      const resp = new provproto.GetSchemaResponse();
      resp.setSchema(await provider.getSchema());
      return resp;
    }),

    /** The provider's own inputs (`pulumi:providers:flagship`), validated. */
    checkConfig: unary(async (req) => {
      const { inputs, failures } = await provider.checkConfig(String(req.getUrn!()), props(req.getOlds!()), props(req.getNews!()));
      return checkResponse(inputs, failures);
    }),

    /** A change of the provider's inputs updates the provider, never replaces it (the tokens decide). */
    diffConfig: unary((req) => {
      const changed = provider.diffConfig(props(req.getOlds!()), props(req.getNews!()));
      const resp = new provproto.DiffResponse();
      resp.setChanges(changed.length > 0 ? DIFF_SOME : DIFF_NONE);
      resp.setDiffsList(changed);
      return resp;
    }),

    /** Keeps the provider's inputs for the credential chain. */
    configure: unary((req) => {
      provider.configure(props(req.getArgs!()));
      const resp = new provproto.ConfigureResponse();
      resp.setAcceptsecrets(true);
      resp.setAcceptresources(true);
      resp.setAcceptoutputs(true);
      return resp;
    }),

    check: unary(async (req) => {
      const { inputs, failures } = await provider.check(String(req.getUrn!()), props(req.getOlds!()), props(req.getNews!()));
      return checkResponse(inputs, failures);
    }),

    diff: unary(async (req) => {
      const outcome = await provider.diff(String(req.getId!()), String(req.getUrn!()), props(req.getOlds!()), props(req.getNews!()));
      const resp = new provproto.DiffResponse();
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
      return resp;
    }),

    create: unary(async (req) => {
      const { id, outs } = await provider.create(String(req.getUrn!()), props(req.getProperties!()));
      const resp = new provproto.CreateResponse();
      resp.setId(id);
      resp.setProperties(structOf(outs));
      return resp;
    }),

    read: unary(async (req) => {
      const result = await provider.read(String(req.getId!()), String(req.getUrn!()), props(req.getProperties!()));
      const resp = new provproto.ReadResponse();
      resp.setId(result.id);
      resp.setProperties(structOf(result.props));
      if (result.inputs !== undefined) resp.setInputs(structOf(result.inputs));
      return resp;
    }),

    update: unary(async (req) => {
      const { outs } = await provider.update(String(req.getId!()), String(req.getUrn!()), props(req.getOlds!()), props(req.getNews!()));
      const resp = new provproto.UpdateResponse();
      resp.setProperties(structOf(outs));
      return resp;
    }),

    delete: unary(async (req) => {
      await provider.delete(String(req.getId!()), String(req.getUrn!()), props(req.getProperties!()));
      return new Empty();
    }),

    invoke: unary(async (req) => {
      const { outputs } = await provider.invoke(String(req.getTok!()), props(req.getArgs!()));
      const resp = new provproto.InvokeResponse();
      resp.setReturn(structOf(outputs));
      return resp;
    }),

    // Nothing to stop: each call ends by its own deadlines.
    cancel: unary(() => new Empty()),
    // The engine's address, for a plugin it attaches to (started by hand): this plugin calls the engine only
    // to log, at the address of its arguments (engineLogger).
    attach: unary(() => new Empty()),
  };
}
