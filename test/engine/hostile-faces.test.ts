// Every face on its real engine against hostile servers of our own: what `tofu`, `pulumi` (native plugin,
// Pulumi YAML) and `pulumi` (dynamic Token) print holds no secret or token in any encoding a server echoed
// it in, and each face mints through a CONNECT proxy from HTTPS_PROXY with a private CA from SSL_CERT_FILE.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Token } from "pulumi-flagship-token";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliProject } from "../helpers/cli";
import { createEngineStack, engineAvailable, flagshipConfig } from "../helpers/engine";
import { echoes, echoesIn, type Hostile, type PrivateCa, type Proxy, privateCa, startConnectProxy, startHostile } from "../helpers/hostile";
import { REQUIRED_PROVIDERS, tofuProject } from "../helpers/tofu";
import { setFlagshipConfig, writeTokenProject, yamlAvailable } from "../helpers/yaml";

const hex = randomBytes(6).toString("hex");
// Every character that encodes differently in URLs, JSON, HTML and base64.
const SECRET = `face"se+cr/et=&<x>'-${hex}`;
const TOKEN = `face+tok/en=&"<x>-${hex}`;
const OTHER = `token-the-client-never-saw-${hex}`;
const client = { accountId: "acc-hostile", clientId: "hostile-client", clientSecret: SECRET };
const minted = { access_token: TOKEN, token_type: "Bearer", expires_in: 3600, scope: "*" };
const info = { client_id: client.clientId, account: client.accountId, expires_in: 3000, scope: "*" };

type Mode = "echo the secret on the mint" | "echo the token on token-info" | "healthy";
const all = (secret: string) => Object.values(echoes(secret)).map((e) => e.sent).join(" ");

/** What an engine printed, checked for every spelling of the secret, the token and the unseen token. */
function expectClean(printed: string): void {
  expect(printed.length).toBeGreaterThan(0);
  expect({ secret: echoesIn(printed, SECRET), token: echoesIn(printed, TOKEN), other: printed.includes(OTHER) }).toEqual({
    secret: [],
    token: [],
    other: false,
  });
}

describe.runIf(engineAvailable())("every face against hostile servers, on its real engine", () => {
  let mode: Mode = "healthy";
  let server: Hostile;
  let tlsServer: Hostile;
  let proxy: Proxy;
  let ca: PrivateCa;
  const handler = (_req: unknown, res: import("node:http").ServerResponse, seen: { method: string }) => {
    const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (seen.method === "POST") {
      if (mode === "echo the secret on the mint") {
        return void res.writeHead(500, { "content-type": "text/plain" }).end(`${all(SECRET)} access_token=${OTHER}`);
      }
      return void json(200, minted);
    }
    if (mode === "echo the token on token-info") return void res.writeHead(404, { "content-type": "text/html" }).end(`<html>${all(TOKEN)}</html>`);
    return void json(200, info);
  };

  beforeAll(async () => {
    server = await startHostile(handler);
    ca = privateCa(["auth.corp.test"]);
    tlsServer = await startHostile(handler, ca);
    proxy = await startConnectProxy({ "auth.corp.test:443": tlsServer.port });
  });
  afterAll(async () => {
    await Promise.all([server?.close(), tlsServer?.close(), proxy?.close()]);
  });
  /** The environment of a run through the proxy: the auth host is only known to it, its CA only in SSL_CERT_FILE. */
  const proxied = () => ({ HTTPS_PROXY: proxy.url, https_proxy: proxy.url, SSL_CERT_FILE: ca.caFile });
  const PROXIED_URL = "https://auth.corp.test";
  const USERINFO_PASSWORD = `pw-${hex}`;
  const USERINFO_URL = `https://user:${USERINFO_PASSWORD}@auth.example.com`;

  describe("the Terraform provider on tofu", () => {
    const hcl = (url: string) =>
      `${REQUIRED_PROVIDERS}provider "flagship" {\n  account_id = "${client.accountId}"\n  client_id  = "${client.clientId}"\n  auth_url   = "${url}"\n}\nresource "flagship_token" "ci" {\n  expires_in = 3600\n}\n`;
    const project = (env: Record<string, string> = {}) => {
      const p = tofuProject({ FLAGSHIP_CLIENT_SECRET: SECRET, ...env });
      return p;
    };

    it("prints no secret when the mint's error answer echoes it in every encoding", async () => {
      const p = project();
      try {
        p.write(hcl(server.url));
        mode = "echo the secret on the mint";
        await p.ok(["init"]);
        const apply = await p.run(["apply", "-auto-approve"]);
        expect(apply.code).toBe(1);
        expect(apply.stderr).toContain("answered 500 (body");
        expectClean(p.output.join("\n"));
      } finally {
        p.dispose();
      }
    });

    it("prints no token when the token-info answer echoes it in every encoding", async () => {
      const p = project();
      try {
        p.write(hcl(server.url));
        mode = "healthy";
        await p.ok(["init"]);
        await p.ok(["apply", "-auto-approve"]);
        mode = "echo the token on token-info";
        const plan = await p.run(["plan"]);
        expect(plan.code).toBe(1);
        expect(plan.stderr).toContain("not shown: this route's answers may echo the token");
        expectClean(p.output.join("\n"));
      } finally {
        p.dispose();
      }
    });

    it("refuses an auth_url holding a user name and password without printing them", async () => {
      const p = project();
      try {
        p.write(hcl(USERINFO_URL));
        await p.ok(["init"]);
        const plan = await p.run(["plan"]);
        expect(plan.code).toBe(1);
        expect(plan.stderr).toContain("expected no user name or password in the URL");
        expect(p.output.join("\n")).not.toContain(USERINFO_PASSWORD);
      } finally {
        p.dispose();
      }
    });

    // What the security notes say of saved plans: an engine's by-design storage, not the provider's doing.
    for (const ephemeral of [false, true]) {
      it(`a saved plan ${ephemeral ? "does not hold" : "holds"} a client_secret given by ${ephemeral ? "an ephemeral" : "a sensitive"} variable`, async () => {
        const p = tofuProject({ TF_VAR_secret: SECRET });
        try {
          const variable = `variable "secret" {\n  type = string\n  sensitive = true\n${ephemeral ? "  ephemeral = true\n" : ""}}\n`;
          p.write(hcl(server.url).replace('client_id  = "', 'client_secret = var.secret\n  client_id  = "') + variable);
          mode = "healthy";
          await p.ok(["init"]);
          await p.ok(["plan", "-out", "saved.tfplan"]);
          expect(p.planText("saved.tfplan").includes(SECRET)).toBe(!ephemeral);
        } finally {
          p.dispose();
        }
      });
    }

    it("mints through the CONNECT proxy of HTTPS_PROXY, trusting the CA of SSL_CERT_FILE", async () => {
      const p = project(proxied());
      try {
        p.write(hcl(PROXIED_URL));
        mode = "healthy";
        proxy.connects.length = 0;
        await p.ok(["init"]);
        await p.ok(["apply", "-auto-approve"]);
        expect(proxy.connects.length).toBeGreaterThan(0);
        expect(new Set(proxy.connects)).toEqual(new Set(["auth.corp.test:443"]));
        expect(p.instance("flagship_token.ci")?.attributes.access_token).toBe(TOKEN);
      } finally {
        p.dispose();
      }
    });
  });

  describe.runIf(yamlAvailable())("the native plugin from Pulumi YAML", () => {
    const yamlProject = async (url: string, env: Record<string, string> = {}) => {
      const dir = mkdtempSync(path.join(tmpdir(), "pft-hostile-yaml-"));
      const p = cliProject(dir, { env });
      writeTokenProject(dir, { properties: { expiresIn: 3600 }, plugin: "repo" });
      await p.ok(["stack", "init", "dev"]);
      await setFlagshipConfig(p, url, client);
      return { p, dispose: () => (p.dispose(), rmSync(dir, { recursive: true, force: true })) };
    };

    it("prints no secret when the mint's error answer echoes it in every encoding", async () => {
      const { p, dispose } = await yamlProject(server.url);
      try {
        mode = "echo the secret on the mint";
        const up = await p.run(["up", "--yes", "--skip-preview"]);
        expect(up.code).not.toBe(0);
        expect(up.stdout + up.stderr).toContain("answered 500 (body");
        expectClean(p.output.join("\n"));
      } finally {
        dispose();
      }
    });

    it("prints no token when the token-info answer echoes it in every encoding", async () => {
      const { p, dispose } = await yamlProject(server.url);
      try {
        mode = "healthy";
        await p.ok(["up", "--yes", "--skip-preview"]);
        mode = "echo the token on token-info";
        const refresh = await p.run(["refresh", "--yes"]);
        expect(refresh.code).not.toBe(0);
        expect(refresh.stdout + refresh.stderr).toContain("not shown: this route's answers may echo the token");
        expectClean(p.output.join("\n"));
      } finally {
        dispose();
      }
    });

    it("refuses an authUrl holding a user name and password without printing them", async () => {
      const { p, dispose } = await yamlProject(USERINFO_URL);
      try {
        const preview = await p.run(["preview"]);
        expect(preview.code).not.toBe(0);
        expect(preview.stdout).toContain("has a problem: authUrl: expected no user name or password in the URL");
        // What the preview printed (the harness's own record of `config set` holds the URL, as typed).
        expect(preview.stdout + preview.stderr).not.toContain(USERINFO_PASSWORD);
      } finally {
        dispose();
      }
    });

    it("mints through the CONNECT proxy of HTTPS_PROXY, trusting the CA of SSL_CERT_FILE", async () => {
      const { p, dispose } = await yamlProject(PROXIED_URL, proxied());
      try {
        mode = "healthy";
        proxy.connects.length = 0;
        const before = tlsServer.seen.length;
        await p.ok(["up", "--yes", "--skip-preview"]);
        expect(new Set(proxy.connects)).toEqual(new Set(["auth.corp.test:443"]));
        expect(tlsServer.seen.slice(before).map((s) => s.method)).toEqual(["POST"]);
      } finally {
        dispose();
      }
    });
  });

  describe("the dynamic Token", () => {
    let n = 0;
    const stack = (url: string, env: Record<string, string> = {}) =>
      createEngineStack({
        project: "pft-hostile",
        stackName: `s${++n}`,
        env,
        config: flagshipConfig(url, client),
        program: async () => {
          const token = new Token("t", { expiresIn: 3600 });
          return { accessToken: token.accessToken };
        },
      });

    it("prints no secret when the mint's error answer echoes it in every encoding", async () => {
      const engine = await stack(server.url);
      try {
        mode = "echo the secret on the mint";
        await expect(engine.up()).rejects.toThrow(/answered 500 \(body/);
        expectClean(engine.output.join("\n"));
      } finally {
        await engine.dispose();
      }
    });

    it("prints no token when the token-info answer echoes it in every encoding", async () => {
      const engine = await stack(server.url);
      try {
        mode = "healthy";
        await engine.up();
        mode = "echo the token on token-info";
        await expect(engine.refresh()).rejects.toThrow(/not shown: this route's answers may echo the token/);
        expectClean(engine.output.join("\n"));
      } finally {
        await engine.dispose();
      }
    });

    it("refuses an authUrl holding a user name and password without printing them", async () => {
      const engine = await stack(USERINFO_URL);
      try {
        // The value came from stack config, which the message names.
        await expect(engine.preview()).rejects.toThrow(/has a problem: authUrl \(from stack config flagship:authUrl\): expected no user name or password in the URL/);
        expect(engine.output.join("\n")).not.toContain(USERINFO_PASSWORD);
      } finally {
        await engine.dispose();
      }
    });

    it("mints through the CONNECT proxy of HTTPS_PROXY, trusting the CA of SSL_CERT_FILE", async () => {
      const engine = await stack(PROXIED_URL, proxied());
      try {
        mode = "healthy";
        proxy.connects.length = 0;
        const before = tlsServer.seen.length;
        await engine.up();
        expect(new Set(proxy.connects)).toEqual(new Set(["auth.corp.test:443"]));
        expect(tlsServer.seen.slice(before).map((s) => s.method)).toEqual(["POST"]);
      } finally {
        await engine.dispose();
      }
    });
  });
});
