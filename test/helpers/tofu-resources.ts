// The set-up of the tofu suites of the Remote Control API's resources (terraform-resources*.test.ts): the
// emulator with a client that holds the API's scopes, a project per test, a provider block pointed at the
// emulator for both the token and the API, the three objects every suite starts from, and the API's
// requests counted by method.
import type { RunningEmulator } from "../../provider/emulator";
import { type Outside, outside } from "./outside";
import { REQUIRED_PROVIDERS, type TofuProject, useTofu } from "./tofu";

export const RESOURCE_CLIENT = {
  accountId: "acc-res",
  clientId: "res-client",
  clientSecret: "res-secret-7d41c2a9",
  scopes: ["project.*", "flag.*", "targeting_key.*", "account_environment.*"],
};

/** A project, a flag and a targeting key. */
export const OBJECTS = `resource "flagship_project" "shop" {
  name = "shop"
}

resource "flagship_flag" "checkout" {
  name              = "checkout"
  type              = "boolean"
  default_value     = "false"
  predefined_values = ["true", "false"]
}

resource "flagship_targeting_key" "plan" {
  name = "plan"
  type = "string"
}
`;

const NOT_API = ["token", "tokenInfo", "admin", "other"];

export interface ResourcesSuite {
  emulator(): RunningEmulator;
  /** This test's project. */
  project(): TofuProject;
  newProject(env: Record<string, string>): TofuProject;
  /** Changes made outside, through the emulator's API. */
  api(): Outside;
  /** The terraform and provider blocks, then `body`. */
  config(body: string): string;
  /** The API's requests since the last reset, by method (the token route apart). */
  apiRequests(): Record<string, number>;
  /** The API's POST, PATCH and DELETE requests since the last reset. */
  writes(): number;
  attributes(address: string): Record<string, unknown>;
  /** Writes `body`, inits and applies it, then resets the counters. */
  applied(body?: string): Promise<void>;
}

export function useResourcesTofu(): ResourcesSuite {
  const client = RESOURCE_CLIENT;
  let emulator: RunningEmulator | undefined;
  let project: TofuProject | undefined;
  const { newProject } = useTofu(client, { onEmulator: (e) => (emulator = e), onProject: (p) => (project = p) });
  const running = () => emulator as RunningEmulator;
  const current = () => project as TofuProject;
  const suite: ResourcesSuite = {
    emulator: running,
    project: current,
    newProject,
    api: () => outside(running().url, client.accountId, client),
    config: (body) =>
      `${REQUIRED_PROVIDERS}provider "flagship" {\n  account_id = "${client.accountId}"\n  client_id  = "${client.clientId}"\n` +
      `  auth_url   = "${running().url}"\n  api_url    = "${running().url}"\n}\n${body}`,
    apiRequests() {
      const out: Record<string, number> = {};
      for (const r of running().admin.requests()) if (!NOT_API.includes(r.route)) out[r.method] = (out[r.method] ?? 0) + 1;
      return out;
    },
    writes() {
      const by = suite.apiRequests();
      return (by.POST ?? 0) + (by.PATCH ?? 0) + (by.DELETE ?? 0);
    },
    attributes: (address) => current().instance(address)?.attributes ?? {},
    async applied(body = OBJECTS) {
      current().write(suite.config(body));
      await current().ok(["init"]);
      await current().ok(["apply", "-auto-approve"]);
      running().admin.resetCounters();
    },
  };
  return suite;
}
