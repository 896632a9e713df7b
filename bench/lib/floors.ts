// Installs the floors' providers (floor-providers.ts, compiled beside this file) as the package
// `pft-bench-floors` in the repository's node_modules, once per process, and loads them from there: the
// engine's dynamic-provider host resolves a serialized `require` from @pulumi/pulumi's node_modules.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../../test/helpers/engine";

export const FLOORS_PACKAGE = "pft-bench-floors";
type Floors = typeof import("./floor-providers");
let loaded: Floors | undefined;

export function floors(): Floors {
  if (loaded) return loaded;
  const dir = path.join(repoRoot, "node_modules", FLOORS_PACKAGE);
  const source = path.join(__dirname, "floor-providers.js");
  const target = path.join(dir, "index.js");
  mkdirSync(dir, { recursive: true });
  const manifest = JSON.stringify({ name: FLOORS_PACKAGE, version: "0.0.0", private: true, main: "index.js" });
  writeIfChanged(path.join(dir, "package.json"), manifest);
  if (!sameFile(source, target)) copyFileSync(source, target);
  // One file per provider whose exports are the provider itself: Pulumi writes a `require` only for an
  // object that is a module's exports.
  const exported = {} as Record<keyof Floors, unknown>;
  for (const key of ["minimalProvider", "shapedProvider"] as const) {
    const file = path.join(dir, `${key}.js`);
    writeIfChanged(file, `module.exports = require("./index.js").${key};\n`);
    exported[key] = require(file);
  }
  loaded = exported as Floors;
  return loaded;
}

function writeIfChanged(file: string, text: string): void {
  try {
    if (readFileSync(file, "utf8") === text) return;
  } catch {
    // not there yet
  }
  writeFileSync(file, text);
}

function sameFile(a: string, b: string): boolean {
  try {
    return readFileSync(a).equals(readFileSync(b));
  } catch {
    return false;
  }
}
