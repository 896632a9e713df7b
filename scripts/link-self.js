// Makes this repository use itself the way a user's project uses the installed package:
// - node_modules/pulumi-flagship-token: a copy of what `npm pack` ships (package.json, README.md, dist/
//   without the artefacts), made after each build. A copy, not a symlink: Pulumi's closure serializer
//   writes the dynamic provider as `require("pulumi-flagship-token/provider-runtime")` only for a module
//   that sits in node_modules (provider/dynamic/shell.ts), and node resolves a symlink to the checkout;
// - node_modules/.bin/flagship-auth-emulator, so that `npx flagship-auth-emulator` runs the local build.
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const modules = path.join(root, "node_modules");
const installed = path.join(modules, "pulumi-flagship-token");
/** dist/ folders `files` in package.json leaves out of the package (and the release's large artefacts). */
const NOT_SHIPPED = new Set(["native", "terraform", "plugin", "release", "pack"].map((dir) => path.join(root, "dist", dir)));

fs.rmSync(installed, { recursive: true, force: true });
fs.mkdirSync(installed, { recursive: true });
for (const file of ["package.json", "README.md"]) fs.copyFileSync(path.join(root, file), path.join(installed, file));
fs.cpSync(path.join(root, "dist"), path.join(installed, "dist"), { recursive: true, filter: (source) => !NOT_SHIPPED.has(source) });

const bin = path.join(modules, ".bin", "flagship-auth-emulator");
const target = "../pulumi-flagship-token/dist/emulator/cli.js";
fs.chmodSync(path.join(installed, "dist", "emulator", "cli.js"), 0o755);
try {
  if (fs.readlinkSync(bin) !== target) throw new Error("stale");
} catch {
  fs.rmSync(bin, { force: true });
  fs.mkdirSync(path.dirname(bin), { recursive: true });
  fs.symlinkSync(target, bin);
}
