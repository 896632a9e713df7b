// 8a. The Terraform providers' cold start: from exec to the go-plugin handshake line on stdout
// (`1|6|unix|…|grpc|…`), started as tofu starts them (the magic cookie, the host's certificate in
// PLUGIN_CLIENT_CERT, protocol 6), for terraform-provider-flagship from the release zip, the minimal
// protocol-6 provider of ours (lib/terraform-minimal.ts, the same packaging), the Go floor
// (bench/go/terraform-floor, terraform-plugin-framework), and bare `node -e 'console.log(1)'` to its line.
// tofu starts a provider 2 to 4 times per command, so this start is paid that many times per command.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { makeCertificate } from "../provider/terraform/tls";
import { CONFIG } from "./config";
import { firstLine } from "./native-cold";
import { log } from "./lib/log";
import { type Summary, summarize } from "./lib/stats";

export type TfColdKind = "flagship" | "minimal" | "go" | "bareNode";
export interface TerraformCold {
  /** Spawn to the handshake line (bare node: to its first line), per kind. */
  handshakeMs: Record<TfColdKind, Summary>;
  /** flagship over the Go floor, medians. */
  ratioToGo: number;
}

const COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

/** The executable of a provider's registry zip, unpacked into `dir`. */
export function unzipProvider(zip: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const entry = execFileSync("unzip", ["-Z1", zip], { encoding: "utf8" }).split("\n").find((n) => n.startsWith("terraform-provider-"));
  if (!entry) throw new Error(`${zip} holds no terraform-provider-* executable`);
  execFileSync("unzip", ["-o", "-q", zip, entry, "-d", dir]);
  return path.join(dir, entry);
}

export async function measureTerraformCold(executables: Record<Exclude<TfColdKind, "bareNode">, string>): Promise<TerraformCold> {
  const host = await makeCertificate();
  const env = { ...process.env, TF_PLUGIN_MAGIC_COOKIE: COOKIE, PLUGIN_CLIENT_CERT: host.certPem, PLUGIN_PROTOCOL_VERSIONS: "6" };
  const handshake = (line: string) => /^1\|6\|(unix|tcp)\|[^|]+\|grpc\|/.test(line);
  const commands: Record<TfColdKind, () => Promise<{ ms: number }>> = {
    flagship: () => firstLine(executables.flagship, [], env, handshake),
    minimal: () => firstLine(executables.minimal, [], env, handshake),
    go: () => firstLine(executables.go, [], env, handshake),
    bareNode: () => firstLine(process.execPath, ["-e", "console.log(1)"], process.env, (line) => line === "1"),
  };
  const kinds = Object.keys(commands) as TfColdKind[];
  const samples = Object.fromEntries(kinds.map((k) => [k, [] as number[]])) as Record<TfColdKind, number[]>;
  for (let r = 0; r < CONFIG.coldRuns + 1; r++) {
    for (const kind of r % 2 === 0 ? kinds : [...kinds].reverse()) {
      const { ms } = await commands[kind]();
      if (r > 0) samples[kind].push(ms); // the first start of each warms the file cache
    }
  }
  const handshakeMs = Object.fromEntries(kinds.map((k) => [k, summarize(samples[k])])) as Record<TfColdKind, Summary>;
  const ratioToGo = Math.round((handshakeMs.flagship.median / handshakeMs.go.median) * 100) / 100;
  log(
    `   cold start to the handshake: flagship ${handshakeMs.flagship.median.toFixed(0)} ms, minimal ${handshakeMs.minimal.median.toFixed(0)} ms, ` +
      `Go floor ${handshakeMs.go.median.toFixed(0)} ms; bare node to its line ${handshakeMs.bareNode.median.toFixed(0)} ms`,
  );
  return { handshakeMs, ratioToGo };
}
