// GetRequiredPackages (Pulumi resource plugins among the installed node modules, like the official
// host's getPackagesFromDir) and GetProgramDependencies (the program's npm dependencies and versions).
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { DependencyInfo } from "@pulumi/pulumi/proto/language_pb";
import { PackageDependency, PackageParameterization } from "@pulumi/pulumi/proto/plugin_pb";

interface PackageJson {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  pulumi?: {
    resource?: boolean;
    name?: string;
    version?: string;
    server?: string;
    parameterization?: { name: string; version: string; value: string };
  };
}

function readPackageJson(file: string): PackageJson | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as PackageJson;
  } catch {
    return undefined;
  }
}

/**
 * Every package under a `node_modules` below `programDir` whose package.json says `pulumi.resource`,
 * as a PackageDependency; warns on stderr when two copies of @pulumi/pulumi differ in major version.
 */
export function requiredPackages(programDir: string): PackageDependency[] {
  const found: PackageDependency[] = [];
  const sdkVersions = new Map<string, string>();
  const visited = new Set<string>();
  const root = path.resolve(programDir);
  const walk = (dir: string, inNodeModules: boolean) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    // A nested policy pack's plugins are not the program's.
    if (dir !== root && existsSync(path.join(real, "PulumiPolicy.yaml"))) return;
    let entries;
    try {
      entries = readdirSync(real, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(real, entry.name);
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && statSync(full, { throwIfNoEntry: false })?.isDirectory());
      if (isDir) walk(full, inNodeModules || path.basename(real) === "node_modules");
      else if (inNodeModules && entry.name === "package.json") {
        const info = readPackageJson(full);
        if (info?.name === "@pulumi/pulumi" && info.version) sdkVersions.set(full, info.version);
        const dependency = info && pluginOf(info);
        if (dependency) found.push(dependency);
      }
    }
  };
  walk(root, false);
  const majors = [...sdkVersions].map(([where, version]) => ({ where, version, major: version.split(".")[0] }));
  const other = majors.find((m) => m.major !== majors[0]?.major);
  if (other && majors[0]) {
    process.stderr.write(
      `Found incompatible versions of @pulumi/pulumi. Differing major versions are not supported.\n` +
        `  Version ${majors[0].version} referenced at ${majors[0].where}\n  Version ${other.version} referenced at ${other.where}\n`,
    );
  }
  return found;
}

function pluginOf(info: PackageJson): PackageDependency | undefined {
  if (!info.pulumi?.resource) return undefined;
  let name = info.pulumi.name;
  if (!name && info.name?.startsWith("@pulumi/")) name = info.name.slice("@pulumi/".length);
  const version = info.pulumi.version || info.version;
  if (!name || !version) return undefined; // the official host logs these and goes on
  const dependency = new PackageDependency()
    .setName(name)
    .setKind("resource")
    .setVersion(version.startsWith("v") ? version : `v${version}`)
    .setServer(info.pulumi.server ?? "");
  const p = info.pulumi.parameterization;
  if (p) {
    dependency.setParameterization(
      new PackageParameterization().setName(p.name).setVersion(p.version).setValue(Buffer.from(p.value, "base64")),
    );
  }
  return dependency;
}

/** The package.json a module name resolves to from `dir`, walking up node_modules like Node does. */
function installedPackage(name: string, from: string): { dir: string; info: PackageJson } | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    const info = readPackageJson(path.join(candidate, "package.json"));
    if (info) return { dir: realpathSync(candidate), info };
    if (dir === path.dirname(dir)) return undefined;
  }
}

/**
 * The program's dependencies and devDependencies with their installed versions (empty when not
 * installed); with `transitive`, their dependencies too, each name and version once.
 */
export function programDependencies(programDir: string, transitive: boolean): DependencyInfo[] {
  const root = readPackageJson(path.join(programDir, "package.json"));
  if (!root) throw new Error(`no package.json in ${programDir}`);
  const seen = new Map<string, DependencyInfo>();
  const visit = (deps: Record<string, string>, from: string, depth: number) => {
    for (const name of Object.keys(deps).sort()) {
      const installed = installedPackage(name, from);
      const version = installed?.info.version ?? "";
      if (seen.has(`${name}@${version}`)) continue;
      seen.set(`${name}@${version}`, new DependencyInfo().setName(name).setVersion(version));
      if (transitive && installed && depth < 64) visit(installed.info.dependencies ?? {}, installed.dir, depth + 1);
    }
  };
  visit({ ...root.devDependencies, ...root.dependencies }, path.resolve(programDir), 0);
  return [...seen.values()];
}
