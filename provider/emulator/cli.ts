#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEMO_CLIENT, startEmulator, type EmulatorClient } from "./index";
import { clientsSchema } from "./state";

/** The emulator's page at this version's tag of the repository (package.json's `repository`): the npm package ships no docs/. */
const DOCS = (() => {
  const { version, repository } = require("pulumi-flagship-token/package.json") as { version: string; repository: { url: string } };
  return `${repository.url.replace(/^git\+/, "").replace(/\.git$/, "")}/blob/v${version}/docs/emulator.md`;
})();

const USAGE = "Usage: flagship-auth-emulator [--port N] [--host H] [--clients clients.json] [--help | -h]";

const HELP = `${USAGE}

A local emulator of the Flagship auth server (POST /{account_id}/token, GET /token)
and of the Remote Control API's account collections (/v1/accounts/{account_id}/...).

  --port N               TCP port (default 0: a free port)
  --host H               interface to listen on (default 127.0.0.1)
  --clients FILE         JSON array of {accountId, clientId, clientSecret, scopes}
                         (default: the demo client demo-account / demo-client / demo-secret)
  --help, -h             show this help

Admin routes live under /_emulator/ (see ${DOCS}). Stop with Ctrl-C.`;

class UsageError extends Error {}

interface CliOptions {
  port: number;
  host: string;
  clients?: EmulatorClient[];
  help: boolean;
}

const VALUED = ["--port", "--host", "--clients"];

/**
 * `--port -1` as `--port=-1`, so that it is judged as a port (parseArgs would call it "ambiguous"); any
 * other value that starts with "-" gets a message that says how to write it.
 */
function joinDashValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (VALUED.includes(arg) && next !== undefined && next.startsWith("-")) {
      if (arg !== "--port" || !/^-\d/.test(next)) {
        throw new UsageError(`Option '${arg}' needs a value; for a value that starts with '-', write ${arg}=${next}`);
      }
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** Where JSON.parse stopped, without quoting the file (a clients file holds secrets). */
function jsonProblem(e: unknown): string {
  const at = /at position \d+(?: \(line \d+ column \d+\))?/.exec(e instanceof Error ? e.message : "");
  return at ? `not valid JSON ${at[0]}` : "not valid JSON";
}

function parse(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinDashValues(argv),
      options: {
        port: { type: "string" },
        host: { type: "string" },
        clients: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
      tokens: true,
    });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e instanceof Error ? e.message : String(e)).split("\n")[0]);
  }
  const seen = new Set<string>();
  for (const t of parsed.tokens) {
    if (t.kind !== "option") continue;
    if (seen.has(t.name)) throw new UsageError(`Option '--${t.name}' given more than once`);
    seen.add(t.name);
  }
  const v = parsed.values;
  let port = 0;
  if (v.port !== undefined) {
    if (!/^\d{1,5}$/.test(v.port) || Number(v.port) > 65535) throw new UsageError(`Invalid --port '${v.port}': expected an integer 0-65535`);
    port = Number(v.port);
  }
  if (v.host !== undefined && v.host.trim() === "") throw new UsageError("Invalid --host: empty");
  let clients: EmulatorClient[] | undefined;
  if (v.clients !== undefined) {
    let text: string;
    try {
      text = readFileSync(v.clients, "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(`Cannot read --clients file ${v.clients}${code ? ` (${code})` : ""}`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`Invalid --clients file ${v.clients}: ${jsonProblem(e)}; expected a JSON array of {accountId, clientId, clientSecret, scopes}`);
    }
    const r = clientsSchema.safeParse(raw);
    if (!r.success || r.data.length === 0) {
      throw new UsageError("Invalid --clients file: expected a non-empty JSON array of {accountId, clientId, clientSecret, scopes}");
    }
    clients = r.data;
  }
  return { port, host: v.host ?? "127.0.0.1", clients, help: v.help === true };
}

async function main(): Promise<void> {
  let opts: CliOptions;
  try {
    opts = parse(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`flagship-auth-emulator: ${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const emulator = await startEmulator({ port: opts.port, host: opts.host, clients: opts.clients });
  // Handlers first: a caller may send SIGINT as soon as it reads the Listening line.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  const loopback = ["127.0.0.1", "::1", "localhost"].includes(opts.host);
  if (!loopback) process.stderr.write(`warning: listening on ${opts.host}, not loopback only\n`);
  const lines = [`Listening on ${emulator.url}`];
  for (const c of opts.clients ?? [DEMO_CLIENT]) {
    lines.push(`account_id=${c.accountId} client_id=${c.clientId} client_secret=${c.clientSecret} scopes=${c.scopes.join(",")}`);
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`flagship-auth-emulator: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
