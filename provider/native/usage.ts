// What `pulumi-resource-flagship --help` prints: what the plugin is and serves, who starts it, where the
// docs are. The resources and functions are those the schema serves, read from the declarations (the
// Token, then every RESOURCES and LISTS entry), so that a declaration added to the core appears here too.
// Loads the schema's names only, never the server.
import { LISTS, RESOURCES } from "../core/resources";
import { functionToken, resourceType } from "./resource-schema";
import { TOKEN_TYPE } from "./schema";

/** `a, b and c`. */
const listed = (items: readonly string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

/** The text for `version`; the docs' links from `repositoryUrl` (package.json's `git+https://….git`). */
export function usage(version: string, repositoryUrl: string): string {
  /** A page of the docs at this version's tag of the repository: the plugin ships no docs/. */
  const doc = (page: string) => `${repositoryUrl.replace(/^git\+/, "").replace(/\.git$/, "")}/blob/v${version}/docs/${page}`;
  return [
    `pulumi-resource-flagship ${version}: the Pulumi resource plugin of Flagship (AB Tasty Feature Experimentation).`,
    `Resources: ${listed([`${TOKEN_TYPE} (Flagship API access tokens)`, ...RESOURCES.map(resourceType)])}.`,
    `Functions: ${listed(LISTS.map(functionToken))}.`,
    "It is started by the Pulumi engine (`pulumi up`, `pulumi preview`, …), not run by hand: it serves the",
    "engine on a local port and writes only that port to stdout.",
    "Options: --version (print the version), --help (this text).",
    `Docs: ${doc("installation-configuration.md")} (installing, configuration),`,
    `${doc("pulumi-native.md")} (Pulumi YAML, the SDKs),`,
    `${doc("pulumi-resources.md")} (every resource and function).`,
  ].join("\n");
}
