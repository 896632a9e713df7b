// The READMEs packaged into the release's archives that have none of their own: the plugin tarballs, the
// Terraform zips, the Go SDK and the Node.js SDK (the generated sdk/go and sdk/nodejs READMEs speak to this
// repository's developers). Each says what the artefact is, how to check and install it, and where the docs
// are: links to the repository at the release's tag (./project.js), never to a file the artefact lacks.
// The Python SDK's README is ./python.js's; the npm package's is the repository's README (scripts/pack.js).
const { repository, repoFile, version } = require("./project");

/** `uname -m` of each architecture, and what `file` says of an executable built for it. */
const MACHINE = { amd64: { uname: "x86_64", file: "x86-64" }, arm64: { uname: "aarch64", file: "ARM aarch64" } };

const licences = (what) => `## Licence

Apache-2.0 (\`LICENSE\`). ${what} contains Node.js (its licence: \`LICENSE.node\`) and the packages listed,
with their licences, in \`THIRD-PARTY-NOTICES\`.`;

/** README.md of `pulumi-resource-flagship-v<version>-linux-<arch>.tar.gz`. */
function pluginReadme(arch) {
  const tarball = `pulumi-resource-flagship-v${version}-linux-${arch}.tar.gz`;
  const other = arch === "amd64" ? "arm64" : "amd64";
  return `# pulumi-resource-flagship ${version}, linux-${arch}

The Pulumi resource plugin of the \`flagship\` package: \`flagship:index:Token\` mints a Flagship (AB Tasty
Feature Experimentation) API access token, keeps it encrypted in state and re-mints it when an input
changes or it falls due for rotation. One self-contained executable for Linux ${arch} (\`uname -m\` prints
\`${MACHINE[arch].uname}\`): Node.js and the provider are inside, no Node.js is needed. The Pulumi engine starts it;
\`./pulumi-resource-flagship --version\` prints its version.

## Install

Check the tarball against the release's \`SHA256SUMS\` first: \`pulumi plugin install\` ignores \`--checksum\`
when it is given \`--file\`.

\`\`\`sh
sha256sum -c SHA256SUMS --ignore-missing   # must print "${tarball}: OK"
pulumi plugin install resource flagship ${version} --file ${tarball}
\`\`\`

Then name the version in the program (Pulumi YAML: \`options: { version: ${version} }\`); the Python, Go and
Node.js SDKs of the release ask for ${version} themselves. The ${other} tarball installs on this machine
without complaint and fails when the engine starts it (\`fork/exec …: exec format error\`); \`file
pulumi-resource-flagship\` says \`${MACHINE[arch].file}\` for this one.

## Docs

- Installing, mirrors (\`PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES\`) and configuration: ${repoFile("docs/installation-configuration.md")}
- Pulumi YAML, the SDKs and explicit providers: ${repoFile("docs/pulumi-native.md")}
- Inputs, outputs, rotation, refresh and delete: ${repoFile("docs/pulumi.md")}
- Messages and their fixes: ${repoFile("docs/troubleshooting.md")}
- Source and issues: ${repository}

${licences("The executable")}
`;
}

/** README.md of `terraform-provider-flagship_<version>_linux_<arch>.zip`. */
function terraformReadme(arch) {
  return `# terraform-provider-flagship ${version}, linux_${arch}

The Terraform / OpenTofu provider \`flagship-token/flagship\`: the resource and the ephemeral resource
\`flagship_token\` mint a Flagship (AB Tasty Feature Experimentation) API access token with the OAuth2
client-credentials grant (the ephemeral one never reaches state or plan files). One self-contained
executable for Linux ${arch} (\`uname -m\` prints \`${MACHINE[arch].uname}\`), speaking the plugin protocol 6: no
Node.js is needed. Terraform ≥ 1.5 (ephemeral: ≥ 1.10) and OpenTofu ≥ 1.11 take it.

## Install

Terraform and OpenTofu install this zip from a provider mirror, not by hand. Check the release's files
first, then put them in a filesystem or network mirror and \`init\`:

\`\`\`sh
sha256sum -c terraform-provider-flagship_${version}_SHA256SUMS --ignore-missing
gpg --verify terraform-provider-flagship_${version}_SHA256SUMS.sig terraform-provider-flagship_${version}_SHA256SUMS   # when the release is signed
\`\`\`

## Docs

- Installation, mirrors, state encryption and compatibility: ${repoFile("docs/terraform.md")}
- Every argument and attribute: ${repoFile("docs/terraform/index.md")}
- Source and issues: ${repository}

${licences("The executable")}
`;
}

/** The go.mod module path (sdk/go/go.mod's); the release's README and the docs say the same. */
function goModule() {
  return `${repository.replace(/^https:\/\//, "")}/sdk/go`;
}

/** README.md of `pulumi-flagship-go-sdk-v<version>.tar.gz`, at the top of its module directory. */
function goSdkReadme() {
  const top = `pulumi-flagship-go-sdk-v${version}`;
  const mod = goModule();
  return `# The flagship Go SDK ${version}

The Go module \`${mod}\`, generated from the schema of the \`flagship\` Pulumi package:
\`flagship.NewToken\` mints a Flagship (AB Tasty Feature Experimentation) API access token, keeps it
encrypted in state and re-mints it when an input changes or it falls due for rotation;
\`flagship.NewProvider\` holds one account's credentials for the Tokens that use it.

## Use it

The module is not published yet: unpack the tarball beside your program and point the module path at it.

\`\`\`sh
tar -xzf ${top}.tar.gz      # -> ${top}/go.mod
go mod edit -require ${mod}@v${version} \\
  -replace ${mod}=./${top}
go mod tidy
\`\`\`

\`\`\`go
token, err := flagship.NewToken(ctx, "ci", &flagship.TokenArgs{ExpiresIn: pulumi.Int(43200), RotateBeforeExpiry: pulumi.Int(3600)})
if err != nil {
	return err
}
ctx.Export("accessToken", token.AccessToken) // secret
\`\`\`

${sdkTail()}`;
}

/** The end of both SDKs' READMEs: the plugin they need, the Remote Control API's resources, the docs, the licence. */
function sdkTail() {
  return `The package also manages the account's objects of the Remote Control API (projects, flags, targeting
keys), and lists them and the account's environments with functions (see Docs).

The SDK needs the resource plugin \`pulumi-resource-flagship\` ${version}, released with it: check it with
\`sha256sum -c SHA256SUMS\`, then \`pulumi plugin install resource flagship ${version} --file <tarball>\`.

## Docs

- Installing the plugin and configuration: ${repoFile("docs/installation-configuration.md")}
- The SDKs and explicit providers: ${repoFile("docs/pulumi-native.md")}
- Inputs, outputs, rotation, refresh and delete: ${repoFile("docs/pulumi.md")}
- Projects, flags, targeting keys and the functions: ${repoFile("docs/pulumi-resources.md")}
- Source and issues: ${repository}

Licence: Apache-2.0 (\`LICENSE\`); \`THIRD-PARTY-NOTICES\` lists what the plugin's executables bundle.
`;
}

/** README.md of the Node.js SDK's npm tarball (`@flagship-token/flagship`). */
function nodeSdkReadme(name) {
  return `# ${name} ${version}

The Node.js SDK of the \`flagship\` Pulumi package, generated from its schema: \`new flagship.Token(…)\` is
the native resource \`flagship:index:Token\` (the one Pulumi YAML, Python and Go programs hold), which
mints a Flagship (AB Tasty Feature Experimentation) API access token, keeps it encrypted in state and
re-mints it when an input changes or it falls due for rotation. (The npm package \`pulumi-flagship-token\`
is the other way from TypeScript: a dynamic resource that needs no plugin.)

\`\`\`sh
npm install ./${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz @pulumi/pulumi
\`\`\`

\`\`\`typescript
import * as flagship from "${name}";

const token = new flagship.Token("ci", { expiresIn: 43200, rotateBeforeExpiry: 3600 });
export const accessToken = token.accessToken; // secret
\`\`\`

${sdkTail()}`;
}

module.exports = { pluginReadme, terraformReadme, goSdkReadme, nodeSdkReadme, goModule };
