// The schema JSON tfplugindocs generates docs/terraform/ from (scripts/lib/terraform-schema-json.js, made
// from the provider's own GetProviderSchema answer) is what `tofu providers schema -json` reports for the
// installed provider, under the key tfplugindocs looks up.
import { afterAll, describe, expect, it } from "vitest";
import { REQUIRED_PROVIDERS, type TofuProject, providerMirror, tofuProject } from "../helpers/tofu";

const { providerSchemaJson } = require("../../scripts/lib/terraform-schema-json.js") as {
  providerSchemaJson(): Promise<{ format_version: string; provider_schemas: Record<string, unknown> }>;
};

describe(`the schema JSON of the docs, from the ${providerMirror().kind} zip`, () => {
  let project: TofuProject | undefined;
  afterAll(() => project?.dispose());

  it("is tofu providers schema -json's entry of flagship-token/flagship, keyed flagship", async () => {
    project = tofuProject();
    project.write(REQUIRED_PROVIDERS);
    await project.ok(["init"]);
    const reported = JSON.parse((await project.ok(["providers", "schema", "-json"])).stdout) as { provider_schemas: Record<string, Record<string, unknown>> };
    const ours = await providerSchemaJson();
    expect(Object.keys(ours.provider_schemas)).toEqual(["flagship"]);
    const entry = reported.provider_schemas["registry.opentofu.org/flagship-token/flagship"]!;
    // The same, attribute for attribute: the provider, the resources, the data sources, the ephemeral resource.
    expect(entry).toEqual(ours.provider_schemas.flagship);
  });
});
