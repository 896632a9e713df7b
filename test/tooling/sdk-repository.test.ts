// The repository URL is written once, in package.json's `repository`: scripts/gen-sdk.sh derives the Go
// SDK's module path from it, and the native schema's `repository` reads it from there (pluginDownloadURL
// is set only by PFT_PLUGIN_DOWNLOAD_URL: test/unit/native-schema.test.ts).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { packageSchema } from "../../provider/native/schema";
import { repoRoot } from "../helpers/engine";

const read = (file: string) => readFileSync(path.join(repoRoot, file), "utf8");
const { repository } = JSON.parse(read("package.json")) as { repository: { url: string } };
/** owner/name of package.json's repository (git+https://github.com/owner/name.git). */
const ownerName = /^git\+https:\/\/github\.com\/([\w.-]+\/[\w.-]+)\.git$/.exec(repository.url)?.[1];

describe("the repository the SDKs name", () => {
  it("is a GitHub repository in package.json's repository field", () => {
    expect(ownerName).toBe("flagship-token/pulumi-flagship-token");
  });

  it("is the native schema's repository", () => {
    expect((packageSchema("0.1.0") as { repository?: string }).repository).toBe(`https://github.com/${ownerName}`);
  });

  it("gives the Go SDK's module path, which the examples and the test driver require", () => {
    const module = `github.com/${ownerName}/sdk/go`;
    expect(read("sdk/go/go.mod").split("\n")[0]).toBe(`module ${module}`);
    expect(read("examples/go/go.mod")).toContain(`\nreplace ${module} => ../../sdk/go\n`);
    expect(read("examples/go-flags/go.mod")).toContain(`\nreplace ${module} => ../../sdk/go\n`);
    expect(read("test/drivers/go/go.mod")).toContain(`\t${module} => ../../../sdk/go\n`);
  });

  it("is in the Node.js SDK's package.json, whose name is not the dynamic resource's package", () => {
    const node = JSON.parse(read("sdk/nodejs/package.json")) as { name: string; repository: string };
    expect(node).toMatchObject({ name: "@flagship-token/flagship", repository: `https://github.com/${ownerName}` });
  });
});
