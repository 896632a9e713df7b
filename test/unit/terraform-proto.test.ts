// The .proto files of the Terraform face against the published definitions they were written from:
// OpenTofu's docs/plugin-protocol/tfplugin6.10.proto and go-plugin's grpc_controller.proto, in the Go
// module cache once the set-up has built `tofu`. Every message, field (name, number, type, label), enum
// value and RPC declared here must be the published one.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import * as protobuf from "protobufjs";
import { describe, expect, it } from "vitest";

const OURS = path.resolve(__dirname, "..", "..", "provider", "terraform", "proto");

function moduleCache(): string {
  try {
    return execFileSync("go", ["env", "GOMODCACHE"], { encoding: "utf8" }).trim();
  } catch {
    return path.join(homedir(), "go", "pkg", "mod");
  }
}
const CACHE = moduleCache();
const PUBLISHED = {
  tfplugin6: path.join(CACHE, "github.com/opentofu/opentofu@v1.12.6/docs/plugin-protocol/tfplugin6.10.proto"),
  controller: path.join(CACHE, "github.com/hashicorp/go-plugin@v1.7.0/internal/plugin/grpc_controller.proto"),
};
const TIMESTAMP = readFileSync(path.join(OURS, "timestamp.proto"), "utf8");

function rootOf(...texts: string[]): protobuf.Root {
  const root = new protobuf.Root();
  for (const text of texts) protobuf.parse(text, root, { keepCase: true });
  root.resolveAll();
  return root;
}

/** Every message, enum and service under a namespace, with what must match. */
function shape(ns: protobuf.NamespaceBase, out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) {
      out[nested.fullName] = Object.fromEntries(
        nested.fieldsArray.map((f) => [f.name, { id: f.id, type: f.resolvedType?.fullName ?? f.type, repeated: f.repeated, map: f.map }]),
      );
    } else if (nested instanceof protobuf.Enum) {
      out[nested.fullName] = { ...nested.values };
    } else if (nested instanceof protobuf.Service) {
      out[nested.fullName] = Object.fromEntries(
        nested.methodsArray.map((m) => [m.name, { request: m.resolvedRequestType?.fullName, response: m.resolvedResponseType?.fullName, stream: [!!m.requestStream, !!m.responseStream] }]),
      );
    }
    if (nested instanceof protobuf.Namespace) shape(nested, out);
  }
  return out;
}

/** `ours` with each entry replaced by the published one's same keys: equal when ours is a faithful subset. */
function publishedSubset(ours: Record<string, unknown>, published: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, members] of Object.entries(ours)) {
    const theirs = published[name] as Record<string, unknown> | undefined;
    out[name] = theirs === undefined ? "(not in the published file)" : Object.fromEntries(Object.keys(members as object).map((k) => [k, theirs[k] ?? "(missing)"]));
  }
  return out;
}

const have = existsSync(PUBLISHED.tfplugin6) && existsSync(PUBLISHED.controller);

describe.skipIf(!have)("the Terraform face's protocol definitions", () => {
  it("declare tfplugin6 messages, fields, enums and RPCs exactly as OpenTofu's tfplugin6.10.proto", () => {
    const ours = shape(rootOf(TIMESTAMP, readFileSync(path.join(OURS, "tfplugin6.proto"), "utf8")).lookup("tfplugin6") as protobuf.Namespace);
    const published = shape(rootOf(TIMESTAMP, readFileSync(PUBLISHED.tfplugin6, "utf8")).lookup("tfplugin6") as protobuf.Namespace);
    expect(Object.keys(ours).length).toBeGreaterThan(40);
    expect(ours).toEqual(publishedSubset(ours, published));
  });

  it("declare go-plugin's controller exactly as its grpc_controller.proto", () => {
    const ours = shape(rootOf(readFileSync(path.join(OURS, "plugin.proto"), "utf8")));
    const published = shape(rootOf(readFileSync(PUBLISHED.controller, "utf8")));
    expect(ours).toEqual(publishedSubset(ours, published));
  });
});
