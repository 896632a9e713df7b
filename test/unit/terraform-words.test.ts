// terraform-provider-flagship speaks Terraform: its bundle (what the executable runs: the Terraform face,
// the core, their dependencies, as scripts/lib/bundle.js builds it) holds no Pulumi word, so no message,
// description or variable it reads can be one. The exceptions: the package's manifest, which the bundle
// embeds whole for its version (its name, description and dependencies), and the package's name.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureText, noticeText } from "../../provider/core/notices";
import { TERMS } from "../../provider/terraform/names";

const { bundle } = require("../../scripts/lib/bundle.js") as {
  bundle(o: { entry: string; outfile: string; target: string; legalComments: string }): { main: string };
};

/** Every key and string of package.json, longest first (as the bundle holds them). */
function manifestStrings(value: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") out.push(JSON.stringify(v).slice(1, -1));
    else if (v && typeof v === "object") {
      for (const [k, w] of Object.entries(v)) {
        out.push(k);
        walk(w);
      }
    }
  };
  walk(value);
  return out.filter((s) => /pulumi/i.test(s)).sort((a, b) => b.length - a.length);
}

describe("the Terraform face's words", () => {
  let dir: string;
  let text: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "pft-tf-words-"));
    const { main } = bundle({ entry: "provider/terraform/main.ts", outfile: path.join(dir, "main.js"), target: "node22", legalComments: "none" });
    text = readFileSync(main, "utf8");
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the bundle holds no Pulumi word besides the package's name and manifest", () => {
    let rest = text;
    for (const s of manifestStrings(require("../../package.json"))) rest = rest.replaceAll(s, "");
    const words = rest.replaceAll("pulumi-flagship-token", "").match(/.{0,40}pulumi.{0,40}/gi) ?? [];
    expect(words).toEqual([]);
  });

  it("a credential set nowhere is said in provider-block words", () => {
    expect(failureText({ property: "clientId", code: "unset" }, TERMS)).toBe(
      "client_id: not set: set `client_id` in the provider block or FLAGSHIP_CLIENT_ID",
    );
  });

  it("a token the server refused is minted again by the next apply", () => {
    expect(noticeText({ code: "goneOnServer", name: "flagship_token", status: 401, oauthError: "invalid_token" }, TERMS)).toBe(
      "token flagship_token is no longer accepted by the server (HTTP 401 invalid_token): removed from state; the next apply mints a new one",
    );
  });
});
