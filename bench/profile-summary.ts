// The CPU profiles of a directory (`per-call.js --profile=DIR`, or any --cpu-prof-dir) summed: busy time
// (not idle) by where the code is (our files under dist/, a package in node_modules, Node's internals by
// module, the garbage collector), then the functions with the most self time and the most inclusive time
// (a recursive function counted once per stack). Milliseconds over every profile of the directory. Time
// spent loading modules (any stack through Node's module loader: the start, and lazy requires) is counted
// apart as "loading" and left out of the rest, which is the time of the calls.
//
//   node bench/out/build/bench/profile-summary.js DIR [top=25]
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function place(url: string): string {
  if (url === "") return "(native / vm)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const ours = /\/dist\/(.+)$/.exec(url);
  if (ours) return `dist/${ours[1]}`;
  const internal = /^node:(?:internal\/)?([^/]+)/.exec(url);
  if (internal) return `node:${internal[1]}`;
  return url;
}

const frameName = (f: CallFrame) => `${f.functionName || "(anonymous)"} ${place(f.url)}:${f.lineNumber + 1}`;

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

function main(): void {
  const [dir = ".", topText = "25"] = process.argv.slice(2);
  const top = Number(topText);
  const byPlace = new Map<string, number>();
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  let loading = 0;
  const LOADER = new Set(["wrapModuleLoad", "executeUserEntryPoint", "compileForInternalLoader", "requireBuiltin"]);
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  for (const file of files) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Profile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const selfMs = new Map<number, number>();
    profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
    for (const [id, ms] of selfMs) {
      const node = nodes.get(id)!;
      const name = node.callFrame.functionName;
      if (name === "(idle)") {
        idle += ms;
        continue;
      }
      const stack: CallFrame[] = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(nodes.get(at)!.callFrame);
      if (stack.some((f) => LOADER.has(f.functionName))) {
        loading += ms;
        continue;
      }
      busy += ms;
      add(byPlace, name === "(garbage collector)" || name === "(program)" ? name : place(node.callFrame.url), ms);
      add(self, frameName(node.callFrame), ms);
      // Inclusive: every distinct frame on the stack from this node to the root gets the sample's time once.
      const seen = new Set<string>();
      for (const frame of stack) {
        const key = frameName(frame);
        if (!seen.has(key)) {
          seen.add(key);
          add(inclusive, key, ms);
        }
      }
    }
  }
  const print = (title: string, map: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`  ${ms.toFixed(1).padStart(8)} ms ${((100 * ms) / busy).toFixed(1).padStart(5)}%  ${key}`);
    }
  };
  console.log(`${files.length} profiles in ${dir}: calls ${busy.toFixed(0)} ms, loading modules ${loading.toFixed(0)} ms, idle ${idle.toFixed(0)} ms`);
  print("busy time by place", byPlace);
  print("self time by function", self);
  print("inclusive time by function", inclusive);
}

main();
