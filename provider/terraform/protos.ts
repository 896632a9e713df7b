// The gRPC services of the plugin, from the .proto files beside this one (proto/): parsed from disk when run
// from dist/; in the executable, whose entry sets it first as `globalThis.FLAGSHIP_TF_PROTO_JSON`
// (scripts/lib/terraform-release.js), the JSON descriptor that parse makes, computed at build time.
// The service definitions are grpc-js's (what @grpc/proto-loader's `fromJSON` makes, with its conversion
// options), built here from the protobufjs types without the file descriptors proto-loader also encodes
// for every message: nothing here uses them, and making them cost more than the rest of the start.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type * as grpc from "@grpc/grpc-js";
import * as protobuf from "protobufjs";

export const PROTO_FILES = ["timestamp.proto", "tfplugin6.proto", "plugin.proto", "health.proto"] as const;

/** The four files as one protobufjs JSON descriptor; field names keep their proto spelling (snake_case). */
export function protoJSON(): protobuf.INamespace {
  const root = new protobuf.Root();
  for (const name of PROTO_FILES) protobuf.parse(readFileSync(join(__dirname, "proto", name), "utf8"), root, { keepCase: true });
  return root.toJSON();
}

export interface PluginServices {
  provider: grpc.ServiceDefinition;
  controller: grpc.ServiceDefinition;
  health: grpc.ServiceDefinition;
}

/** 64-bit integers become numbers, enums their names, absent fields their defaults, oneofs name their member. */
const CONVERSION: protobuf.IConversionOptions = { longs: Number, enums: String, defaults: true, oneofs: true };

function serializer(type: protobuf.Type) {
  return (value: unknown): Buffer => {
    if (Array.isArray(value)) throw new Error(`Failed to serialize message: expected object with ${type.name} structure, got array instead`);
    return Buffer.from(type.encode(type.fromObject(value as Record<string, unknown>)).finish());
  };
}

function deserializer(type: protobuf.Type) {
  return (bytes: Buffer): unknown => type.toObject(type.decode(bytes), CONVERSION);
}

/** `lowerCamelCase` of a method name, as grpc-js names a method's implementation (GetProviderSchema -> getProviderSchema). */
const originalName = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

function service(root: protobuf.NamespaceBase, fullName: string): grpc.ServiceDefinition {
  const definition: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  for (const method of root.lookupService(fullName).methodsArray) {
    method.resolve();
    const request = method.resolvedRequestType as protobuf.Type;
    const response = method.resolvedResponseType as protobuf.Type;
    definition[method.name] = {
      path: `/${fullName}/${method.name}`,
      requestStream: !!method.requestStream,
      responseStream: !!method.responseStream,
      requestSerialize: serializer(request),
      requestDeserialize: deserializer(request),
      responseSerialize: serializer(response),
      responseDeserialize: deserializer(response),
      originalName: originalName(method.name),
    };
  }
  return definition;
}

/** Loads the services; fields keep their proto names (snake_case), 64-bit integers become numbers. */
export function loadServices(): PluginServices {
  const embedded = (globalThis as { FLAGSHIP_TF_PROTO_JSON?: protobuf.INamespace }).FLAGSHIP_TF_PROTO_JSON;
  // Types are resolved as they are first used (a method's by resolve(), a message's by its first encode or
  // decode), not all at once as Root.fromJSON would.
  const root = new protobuf.Root().addJSON((embedded ?? protoJSON()).nested ?? {});
  return {
    provider: service(root, "tfplugin6.Provider"),
    controller: service(root, "plugin.GRPCController"),
    health: service(root, "grpc.health.v1.Health"),
  };
}
