// Installing terraform-provider-flagship as a user without a registry does: from a provider network
// mirror (the release's index.json / <version>.json, scripts/lib/terraform-registry.js) served over HTTPS
// on loopback with a certificate of a private CA, which tofu trusts through SSL_CERT_FILE (Go reads it);
// and `tofu providers lock -fs-mirror`, which records the hashes with no network.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { type Server, createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDER_VERSION, REQUIRED_PROVIDERS, SOURCE, type TofuProject, providerMirror, tofuProject } from "../helpers/tofu";

const { writeNetworkMirror } = require("../../scripts/lib/terraform-registry.js") as {
  writeNetworkMirror(version: string, zips: string[], mirror: string): string;
};
const ARCH = process.arch === "arm64" ? "arm64" : "amd64";
const ZIP = `terraform-provider-flagship_${PROVIDER_VERSION}_linux_${ARCH}.zip`;

/** A CA and a certificate it signed for 127.0.0.1, made by openssl in `dir`. */
function certificates(dir: string) {
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=pft test CA",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
  openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
  writeFileSync(path.join(dir, "server.ext"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
  openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext");
  return { ca: path.join(dir, "ca.pem"), key: readFileSync(path.join(dir, "server.key")), cert: readFileSync(path.join(dir, "server.pem")) };
}

describe("installing from an HTTPS network mirror with a private CA", () => {
  let dir: string;
  let mirror: string;
  let server: Server;
  let url: string;
  let ca: string;
  const requests: string[] = [];
  const projects: TofuProject[] = [];
  const project = (env: Record<string, string>) => {
    const p = tofuProject({ TF_CLI_CONFIG_FILE: path.join(dir, "network.tfrc"), ...env });
    projects.push(p);
    p.write(REQUIRED_PROVIDERS);
    return p;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "pft-netmirror-"));
    const certs = certificates(dir);
    ca = certs.ca;
    mirror = writeNetworkMirror(PROVIDER_VERSION, [providerMirror().zip], path.join(dir, "mirror"));
    server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
      requests.push(req.url ?? "");
      const file = path.join(mirror, decodeURIComponent(new URL(req.url ?? "/", "https://x").pathname));
      if (!file.startsWith(mirror + path.sep) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": file.endsWith(".json") ? "application/json" : "application/zip" }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    writeFileSync(
      path.join(dir, "network.tfrc"),
      `provider_installation {\n  network_mirror {\n    url     = "${url}"\n    include = ["${SOURCE}"]\n  }\n}\n`,
    );
  }, 60_000);
  afterAll(async () => {
    for (const p of projects) p.dispose();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it("init installs the provider through the mirror's index.json, <version>.json and zip, and locks its zh: hash", async () => {
    requests.length = 0;
    const p = project({ SSL_CERT_FILE: ca });
    const init = await p.ok(["init"]);
    expect(init.stdout).toContain(`Installed flagship-token/flagship v${PROVIDER_VERSION}`);
    const base = `/registry.opentofu.org/${SOURCE}`;
    expect(requests).toEqual([`${base}/index.json`, `${base}/${PROVIDER_VERSION}.json`, `${base}/${ZIP}`]);
    const digest = JSON.parse(readFileSync(path.join(mirror, "registry.opentofu.org", SOURCE, `${PROVIDER_VERSION}.json`), "utf8")).archives[`linux_${ARCH}`].hashes[0];
    expect(readFileSync(path.join(p.dir, ".terraform.lock.hcl"), "utf8")).toContain(`"${digest}"`);
  });

  it("init fails, naming the certificate, when tofu does not trust the CA", async () => {
    const p = project({ SSL_CERT_FILE: path.join(dir, "server.ext") });
    const init = await p.run(["init"]);
    expect(init.code).toBe(1);
    expect(init.stderr).toMatch(/certificate signed by unknown authority|x509/);
  });

  it("providers lock -fs-mirror records the provider's hashes with no network", async () => {
    const fsMirror = path.join(dir, "fs-mirror");
    mkdirSync(fsMirror);
    execFileSync("cp", ["-r", path.join(mirror, "registry.opentofu.org"), fsMirror]);
    const p = project({ TF_CLI_CONFIG_FILE: path.join(dir, "none.tfrc") });
    writeFileSync(path.join(dir, "none.tfrc"), "");
    requests.length = 0;
    await p.ok(["providers", "lock", `-fs-mirror=${fsMirror}`, `-platform=linux_${ARCH}`]);
    expect(requests).toEqual([]);
    expect(readFileSync(path.join(p.dir, ".terraform.lock.hcl"), "utf8")).toMatch(/provider "registry.opentofu.org\/flagship-token\/flagship" \{\n {2}version {5}= "0\.1\.0"/);
  });
});
