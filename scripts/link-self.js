// Makes `require("pulumi-flagship-token/...")` resolve inside this repository, as it does in a user's
// project where the package is installed: the serialized provider shell loads its implementation by
// package name from the Pulumi program's directory. Creates node_modules/pulumi-flagship-token -> ..
const fs = require("node:fs");
const path = require("node:path");

const link = path.join(__dirname, "..", "node_modules", "pulumi-flagship-token");
try {
  if (fs.readlinkSync(link) === "..") process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  // not there yet
}
fs.mkdirSync(path.dirname(link), { recursive: true });
fs.symlinkSync("..", link, "dir");
