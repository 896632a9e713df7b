// The native plugin's own gRPC surface (handlers.ts), in process: a grpc-js server on a loopback port with
// the ResourceProvider service, called by @pulumi/pulumi's generated client as the engine calls it.
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenProvider } from "../../provider/core/token-provider";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { resourceProviderService } from "../../provider/native/handlers";
import { createNativeProvider } from "../../provider/native/provider";

const provproto = require("@pulumi/pulumi/proto/provider_pb");
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");

const client = { accountId: "acc-service", clientId: "service-client", clientSecret: "service-secret-1a2b3c", scopes: ["x.read"] };
const URN = "urn:pulumi:dev::proj::flagship:index:Token::ci";

/** The getters of the answers read here (PluginInfo, DiffResponse). */
interface Msg {
  getVersion(): string;
  getChanges(): number;
  getReplacesList(): string[];
  getDiffsList(): string[];
  getHasdetaileddiff(): boolean;
  getDetaileddiffMap(): { get(key: string): { getKind(): number; getInputdiff(): boolean } };
}
type Call = (request: unknown, callback: (error: grpc.ServiceError | null, response: Msg) => void) => void;

describe("the native plugin's ResourceProvider service", () => {
  let emulator: RunningEmulator;
  let server: grpc.Server;
  let stub: Record<string, Call>;
  const ask = (method: string, request: unknown) =>
    new Promise<{ error: grpc.ServiceError | null; response: Msg }>((resolve) => stub[method]!.call(stub, request, (error, response) => resolve({ error, response })));
  const native = createNativeProvider({
    version: "1.2.3",
    env: {},
    log: () => undefined,
    core: createTokenProvider({ clock: { now: () => new Date("2030-01-01T00:00:00Z") } }),
  });

  beforeAll(async () => {
    emulator = await startEmulator({ clients: [client] });
    server = new grpc.Server();
    server.addService(provrpc.ResourceProviderService, resourceProviderService(native));
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    stub = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });
  afterAll(async () => {
    (stub as unknown as grpc.Client | undefined)?.close();
    server?.forceShutdown();
    await emulator?.close();
  });

  it("answers GetPluginInfo with the provider's version", async () => {
    const { error, response } = await ask("getPluginInfo", new Empty());
    expect(error).toBeNull();
    expect(response.getVersion()).toBe("1.2.3");
  });

  it("sends a diff's detail per input property: a trigger change as an update of triggers", async () => {
    const inputs = { accountId: client.accountId, clientId: client.clientId, clientSecret: client.clientSecret, authUrl: emulator.url, triggers: { v: "1" } };
    const { outs } = await native.create(URN, (await native.check(URN, {}, inputs)).inputs);
    const request = new provproto.DiffRequest();
    request.setId("t1");
    request.setUrn(URN);
    request.setOlds(Struct.fromJavaScript(outs));
    // The news as the engine sends them: checked.
    request.setNews(Struct.fromJavaScript((await native.check(URN, outs, { ...inputs, triggers: { v: "2" } })).inputs));
    const { error, response } = await ask("diff", request);
    expect(error).toBeNull();
    expect(response.getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_SOME);
    expect(response.getReplacesList()).toEqual([]);
    expect(response.getDiffsList()).toEqual(["triggers"]);
    expect(response.getHasdetaileddiff()).toBe(true);
    const detail = response.getDetaileddiffMap().get("triggers");
    expect([detail.getKind(), detail.getInputdiff()]).toEqual([provproto.PropertyDiff.Kind.UPDATE, true]);
  });

  it("answers a failed call with UNKNOWN and the error's message", async () => {
    const request = new provproto.CreateRequest();
    request.setUrn("urn:pulumi:dev::proj::flagship:index:Other::x");
    request.setProperties(Struct.fromJavaScript({}));
    const { error } = await ask("create", request);
    expect([error?.code, error?.details]).toEqual([grpc.status.UNKNOWN, "unknown resource type flagship:index:Other: this plugin does not provide it"]);
  });

  it("answers UNIMPLEMENTED for a method it does not serve (Handshake), which the engine takes as unsupported", async () => {
    const { error } = await ask("handshake", new provproto.ProviderHandshakeRequest());
    expect(error?.code).toBe(grpc.status.UNIMPLEMENTED);
  });
});
