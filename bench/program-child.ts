// Child process of the program-side benchmark: declares N resources of one kind under
// `pulumi.runtime.setMocks` and prints how long it took until every one was registered.
//   node program-child.js <token|minimal|shaped> <N>
// A fresh process per run, so each run pays what a real `pulumi up` program pays (first serialization included).
import { performance } from "node:perf_hooks";
import * as pulumi from "@pulumi/pulumi";
// Both modules load before the clock starts: module loading is not what is compared.
import { Token } from "pulumi-flagship-token";
import { Minimal, ShapedMinimal } from "./lib/minimal";

async function main(): Promise<void> {
  const kind = process.argv[2];
  const n = Number(process.argv[3]);
  if ((kind !== "token" && kind !== "minimal" && kind !== "shaped") || !Number.isInteger(n) || n < 1) {
    throw new Error("usage: program-child.js <token|minimal|shaped> <N>");
  }
  let registered = 0;
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered += 1;
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "bench",
    "bench",
    false,
  );

  const t0 = performance.now();
  const ids: pulumi.Output<string>[] = [];
  for (let i = 0; i < n; i++) {
    if (kind === "token") {
      const t = new Token(`t${i}`, {
        accountId: "demo-account",
        clientId: "demo-client",
        clientSecret: "demo-secret",
        authUrl: "http://127.0.0.1:9",
        triggers: { generation: "a" },
      });
      ids.push(t.id);
    } else if (kind === "shaped") {
      ids.push(new ShapedMinimal(`s${i}`, { triggers: { generation: "a" } }).id);
    } else {
      ids.push(new Minimal(`m${i}`, { value: `v${i}`, triggers: { generation: "a" } }).id);
    }
  }
  await new Promise<void>((resolve) => pulumi.all(ids).apply(() => resolve()));
  const elapsed = performance.now() - t0;
  if (registered !== n) throw new Error(`expected ${n} registrations under mocks, saw ${registered}`);
  process.stdout.write(`${JSON.stringify({ kind, n, ms: elapsed })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
