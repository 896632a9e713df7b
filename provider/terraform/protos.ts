// The gRPC services of the plugin, from the .proto files beside this one (proto/): read from disk when run
// from dist/, or embedded in the executable, whose entry sets them first as `globalThis.FLAGSHIP_TF_PROTOS`
// (scripts/lib/terraform-release.js).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { fromJSON } from "@grpc/proto-loader";
import * as protobuf from "protobufjs";

export const PROTO_FILES = ["timestamp.proto", "tfplugin6.proto", "plugin.proto", "health.proto"] as const;

function protoText(name: string): string {
  const embedded = (globalThis as { FLAGSHIP_TF_PROTOS?: Record<string, string> }).FLAGSHIP_TF_PROTOS?.[name];
  return embedded ?? readFileSync(join(__dirname, "proto", name), "utf8");
}

export interface PluginServices {
  provider: grpc.ServiceDefinition;
  controller: grpc.ServiceDefinition;
  health: grpc.ServiceDefinition;
}

interface Loaded {
  tfplugin6: { Provider: grpc.ServiceClientConstructor };
  plugin: { GRPCController: grpc.ServiceClientConstructor };
  grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } };
}

/** Loads the services; fields keep their proto names (snake_case), 64-bit integers become numbers. */
export function loadServices(): PluginServices {
  const root = new protobuf.Root();
  for (const name of PROTO_FILES) protobuf.parse(protoText(name), root, { keepCase: true });
  const definition = fromJSON(root.toJSON(), { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as Loaded;
  return {
    provider: loaded.tfplugin6.Provider.service,
    controller: loaded.plugin.GRPCController.service,
    health: loaded.grpc.health.v1.Health.service,
  };
}
