// Makes this repository use itself the way a user's project uses the installed package:
// - node_modules/pulumi-flagship-token -> .. so that `require("pulumi-flagship-token/...")` resolves
//   (the serialized provider shell loads its implementation by package name from the program's directory);
// - node_modules/.bin/flagship-auth-emulator, so that `npx flagship-auth-emulator` runs the local build.
const fs = require("node:fs");
const path = require("node:path");

const modules = path.join(__dirname, "..", "node_modules");

function link(target, at) {
  try {
    if (fs.readlinkSync(at) === target) return;
    fs.rmSync(at, { recursive: true, force: true });
  } catch {
    // not there yet
  }
  fs.mkdirSync(path.dirname(at), { recursive: true });
  fs.symlinkSync(target, at);
}

link("..", path.join(modules, "pulumi-flagship-token"));
const cli = path.join(__dirname, "..", "dist", "emulator", "cli.js");
fs.chmodSync(cli, 0o755);
link("../pulumi-flagship-token/dist/emulator/cli.js", path.join(modules, ".bin", "flagship-auth-emulator"));
