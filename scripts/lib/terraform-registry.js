// What the release adds around the provider's zips (scripts/lib/terraform-zip.js) for the registry and for
// mirrors:
//   - terraform-provider-flagship_<version>_manifest.json, the registry's manifest
//     (terraform-registry-manifest.json in a provider's repository: the plugin protocol versions), listed
//     in SHA256SUMS with the zips, as goreleaser does for the registry;
//   - terraform-provider-flagship_<version>_SHA256SUMS.sig, a detached binary GPG signature of SHA256SUMS,
//     made with the key named by $PFT_GPG_KEY (a key id or fingerprint in gpg's keyring, $GNUPGHOME as
//     gpg reads it); without it SHA256SUMS is left unsigned and the release says so;
//   - <mirror dir>/<host>/flagship-token/flagship/ (dist/terraform-mirror/): index.json, <version>.json and the zips (hard
//     links), the provider network mirror protocol's files for registry.terraform.io and
//     registry.opentofu.org. Served over HTTPS it is a network mirror; on disk it is also a filesystem
//     mirror (packed layout).
const { spawnSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const { NAME } = require("./terraform-zip");

const SOURCE = "flagship-token/flagship";
const HOSTS = ["registry.terraform.io", "registry.opentofu.org"];
/** The registry's manifest: the protocol versions the provider speaks (tfplugin6 only). */
const MANIFEST = { version: 1, metadata: { protocol_versions: ["6.0"] } };

function writeManifest(version, outDir) {
  const file = path.join(outDir, `${NAME}_${version}_manifest.json`);
  fs.writeFileSync(file, `${JSON.stringify(MANIFEST, null, 2)}\n`);
  return file;
}

/**
 * Signs `sums` with `keyId` (gpg --detach-sign, binary, as the registry wants); returns the signature's
 * path, or undefined with no key. gpg's own message is in the error when it fails.
 */
function signSums(sums, keyId, env = process.env) {
  if (!keyId) return undefined;
  const sig = `${sums}.sig`;
  const result = spawnSync("gpg", ["--batch", "--yes", "--pinentry-mode", "loopback", "--local-user", keyId, "--output", sig, "--detach-sign", sums], {
    env,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`gpg could not sign ${path.basename(sums)} with key ${keyId}: ${(result.stderr || "").trim()}`);
  return sig;
}

/** `<os>_<arch>` of a zip name of ours. */
function platformOf(zip, version) {
  const match = path.basename(zip).match(new RegExp(`^${NAME}_${version.replace(/\./g, "\\.")}_([a-z0-9]+)_([a-z0-9]+)\\.zip$`));
  if (!match) throw new Error(`${path.basename(zip)} is not named ${NAME}_${version}_<os>_<arch>.zip`);
  return `${match[1]}_${match[2]}`;
}

/** The network mirror's files for each host in `mirror`, beside hard links of the zips; returns `mirror`. */
function writeNetworkMirror(version, zips, mirror, hosts = HOSTS) {
  const archives = {};
  for (const zip of zips) {
    const digest = createHash("sha256").update(fs.readFileSync(zip)).digest("hex");
    archives[platformOf(zip, version)] = { url: path.basename(zip), hashes: [`zh:${digest}`] };
  }
  for (const host of hosts) {
    const dir = path.join(mirror, host, SOURCE);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "index.json"), `${JSON.stringify({ versions: { [version]: {} } }, null, 2)}\n`);
    fs.writeFileSync(path.join(dir, `${version}.json`), `${JSON.stringify({ archives }, null, 2)}\n`);
    for (const zip of zips) {
      const link = path.join(dir, path.basename(zip));
      fs.rmSync(link, { force: true });
      try {
        fs.linkSync(zip, link);
      } catch {
        fs.copyFileSync(zip, link);
      }
    }
  }
  return mirror;
}

module.exports = { MANIFEST, HOSTS, SOURCE, writeManifest, signSums, writeNetworkMirror, platformOf };
