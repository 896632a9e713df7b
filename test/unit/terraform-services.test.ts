// provider/terraform/protos.ts builds the gRPC service definitions itself (no @grpc/proto-loader at start,
// issue 28): they must be exactly what proto-loader's `fromJSON` made with the same options, method by
// method: path, streaming, name, and the bytes and objects their (de)serializers make of every request and
// response type, filled field by field. Both ways of loading are checked: the .proto files parsed at run
// time (dist/) and the JSON descriptor the executable's entry embeds (scripts/lib/terraform-release.js).
import { fromJSON } from "@grpc/proto-loader";
import type * as grpc from "@grpc/grpc-js";
import * as protobuf from "protobufjs";
import { afterEach, describe, expect, it } from "vitest";
import { loadServices, protoJSON } from "../../provider/terraform/protos";

const OPTIONS = { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true };
type Names = "provider" | "controller" | "health";
const SERVICES: Record<Names, string[]> = {
  provider: ["tfplugin6", "Provider"],
  controller: ["plugin", "GRPCController"],
  health: ["grpc", "health", "v1", "Health"],
};

/** What @grpc/proto-loader makes of the same descriptor. */
function protoLoaderServices(): Record<Names, grpc.ServiceDefinition> {
  const definition = fromJSON(protoJSON(), OPTIONS) as unknown as Record<string, unknown>;
  const at = (path: string[]) => definition[path.join(".")] as grpc.ServiceDefinition;
  return { provider: at(SERVICES.provider), controller: at(SERVICES.controller), health: at(SERVICES.health) };
}

const SCALAR: Record<string, unknown> = {
  string: "text",
  bytes: Buffer.from([1, 2, 3]),
  bool: true,
  int32: -7,
  int64: 1234567890123,
  uint32: 7,
  uint64: 9876543210,
  sint32: -3,
  sint64: -4,
  fixed32: 5,
  fixed64: 6,
  sfixed32: -5,
  sfixed64: -6,
  double: 1.5,
  float: 2.5,
};

/** A message of `type` with every field set (one member per oneof, nested messages two levels deep). */
function sample(type: protobuf.Type, depth = 0): Record<string, unknown> {
  type.resolveAll();
  const out: Record<string, unknown> = {};
  const oneofTaken = new Set<string>();
  for (const field of type.fieldsArray) {
    if (field.partOf) {
      if (oneofTaken.has(field.partOf.name)) continue;
      oneofTaken.add(field.partOf.name);
    }
    let value: unknown;
    if (field.resolvedType instanceof protobuf.Enum) value = Object.keys(field.resolvedType.values).at(-1);
    else if (field.resolvedType instanceof protobuf.Type) {
      if (depth >= 2) continue;
      value = sample(field.resolvedType, depth + 1);
    } else value = SCALAR[field.type];
    if (field.map) out[field.name] = { key: value };
    else out[field.name] = field.repeated ? [value] : value;
  }
  return out;
}

describe("the Terraform face's gRPC service definitions", () => {
  const embedded = globalThis as { FLAGSHIP_TF_PROTO_JSON?: protobuf.INamespace };
  afterEach(() => {
    delete embedded.FLAGSHIP_TF_PROTO_JSON;
  });
  const reference = protoLoaderServices();
  const root = protobuf.Root.fromJSON(protoJSON());

  for (const how of ["parsed from the .proto files", "read from the embedded JSON descriptor"] as const) {
    it(`${how}, are proto-loader's: the same methods, paths, streaming and names`, () => {
      if (how === "read from the embedded JSON descriptor") embedded.FLAGSHIP_TF_PROTO_JSON = protoJSON();
      const ours = loadServices();
      for (const name of Object.keys(SERVICES) as Names[]) {
        const strip = (service: grpc.ServiceDefinition) =>
          Object.fromEntries(Object.entries(service).map(([method, d]) => [method, [d.path, d.requestStream, d.responseStream, d.originalName]]));
        expect(strip(ours[name])).toEqual(strip(reference[name]));
      }
    });

    it(`${how}, serialize and deserialize every request and response as proto-loader's do`, () => {
      if (how === "read from the embedded JSON descriptor") embedded.FLAGSHIP_TF_PROTO_JSON = protoJSON();
      const ours = loadServices();
      let checked = 0;
      for (const name of Object.keys(SERVICES) as Names[]) {
        const service = root.lookupService(SERVICES[name].join("."));
        for (const method of service.methodsArray) {
          method.resolve();
          const theirs = reference[name][method.name]!;
          const mine = ours[name][method.name]!;
          for (const [type, serialize, deserialize] of [
            [method.resolvedRequestType!, "requestSerialize", "requestDeserialize"],
            [method.resolvedResponseType!, "responseSerialize", "responseDeserialize"],
          ] as const) {
            const value = sample(type);
            const bytes = theirs[serialize](value);
            expect(mine[serialize](value)).toEqual(bytes);
            expect(mine[deserialize](bytes)).toEqual(theirs[deserialize](bytes));
            // An empty message: every default filled in the same way.
            expect(mine[deserialize](Buffer.alloc(0))).toEqual(theirs[deserialize](Buffer.alloc(0)));
            checked++;
          }
        }
      }
      expect(checked).toBe(2 * Object.values(reference).reduce((n, s) => n + Object.keys(s).length, 0));
    });
  }

  it("refuse to serialize an array, as proto-loader's do", () => {
    const check = loadServices().health.Check!;
    expect(() => check.requestSerialize([] as never)).toThrow(
      "Failed to serialize message: expected object with HealthCheckRequest structure, got array instead",
    );
  });
});
