// The project's identity for every packaged file, from package.json only (its `version`, `repository` and
// `homepage`): the npm package's manifest, the native schema (provider/native/schema.ts reads the same
// fields), the Python SDK's metadata and the READMEs packaged into the release, which link to the
// repository at the release's tag rather than to files they do not ship.
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..", "..", "..");
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const { version, homepage } = manifest;
/** The repository's web address: package.json's `repository.url` without `git+` and `.git`. */
const repository = String(manifest.repository?.url ?? manifest.repository ?? "").replace(/^git\+/, "").replace(/\.git$/, "");
if (!/^https:\/\/\S+$/.test(repository)) throw new Error(`release: package.json's repository.url must be an https:// URL, not ${JSON.stringify(manifest.repository)}`);

/** The address of a file of the repository at this release's tag (v<version>). */
const repoFile = (file) => `${repository}/blob/v${version}/${file}`;

/**
 * `markdown` with every relative link (`](docs/x.md)`, `](examples/)`) made a link to the repository at the
 * release's tag: a packaged README ships without the files it links to. Anchors and absolute URLs stay.
 */
function absoluteLinks(markdown) {
  return markdown.replace(/\]\((?!https?:|mailto:|#)([^)\s]+)\)/g, (_, target) => {
    const [file, anchor] = target.split("#");
    const url = file.endsWith("/") ? `${repository}/tree/v${version}/${file.replace(/\/$/, "")}` : repoFile(file);
    return `](${url}${anchor ? `#${anchor}` : ""})`;
  });
}

module.exports = { version, homepage, repository, repoFile, absoluteLinks };
