// A host (`pulumi`, `tofu`) killed with SIGKILL while its plugin's mint is held by the emulator: which
// plugin processes outlive it, how long the others took to exit, and what the emulator saw afterwards.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { RunningEmulator } from "../../provider/emulator";

export interface Proc {
  pid: number;
  args: string;
}

/** Every process below `root` (children after their parent), from `ps`. */
export function descendants(root: number): Proc[] {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" })
    .split("\n")
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  const found: Proc[] = [];
  const walk = (parent: number) => {
    for (const row of rows.filter((r) => r.ppid === parent)) {
      found.push({ pid: row.pid, args: row.args });
      walk(row.pid);
    }
  };
  walk(root);
  return found;
}

/** Whether `pid` runs (a zombie, dead but not yet reaped, does not). */
export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

export async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface KillOutcome {
  /** The plugin processes found below the host just before the kill. */
  plugins: Proc[];
  /** Those still running `waitMs` after the kill. */
  survivors: Proc[];
  /** Seconds from the SIGKILL to the last plugin's exit, or undefined when one survived. */
  exitSeconds: number | undefined;
  /** Token requests the emulator had seen at the kill, and after `waitMs`. */
  tokenRequestsAtKill: number;
  tokenRequestsAfter: number;
  /** Tokens (access and refresh) the emulator issued from the kill to `waitMs` after it. */
  issuedAfterKill: number;
}

/**
 * Holds every mint for `holdMs` (beyond the plugin's request timeout, so that a live plugin retries), runs
 * `start` (the host's command), kills the host process matching `host` with SIGKILL once the first mint
 * arrived, and watches the processes below it matching `plugin` for `waitMs`. Everything below the host
 * still running then is killed (as a CI runner would), and the emulator's faults cleared.
 */
export async function killHostMidMint(opts: {
  emulator: RunningEmulator;
  start: () => Promise<unknown>;
  host: RegExp;
  plugin: RegExp;
  holdMs?: number;
  waitMs?: number;
}): Promise<KillOutcome> {
  const { emulator, waitMs = 10_000 } = opts;
  emulator.admin.resetCounters();
  emulator.admin.injectFaults("token", [{ kind: "latency", ms: opts.holdMs ?? 3000, times: Infinity }]);
  const finished = opts.start().catch(() => undefined);
  let below: Proc[] = [];
  try {
    await until(() => emulator.admin.counters().token === 1, "the first mint request");
    const tree = descendants(process.pid);
    const host = tree.find((p) => opts.host.test(p.args));
    if (!host) throw new Error(`no host process matching ${opts.host} among:\n${tree.map((p) => p.args).join("\n")}`);
    below = descendants(host.pid);
    const plugins = below.filter((p) => opts.plugin.test(p.args));
    if (plugins.length === 0) throw new Error(`no plugin process matching ${opts.plugin} below the host:\n${below.map((p) => p.args).join("\n")}`);
    const issuedAtKill = emulator.admin.issuedTokens().length;
    const tokenRequestsAtKill = emulator.admin.counters().token;
    const killedAt = performance.now();
    process.kill(host.pid, "SIGKILL");
    let exitSeconds: number | undefined;
    const deadline = killedAt + waitMs;
    while (performance.now() < deadline) {
      if (exitSeconds === undefined && !plugins.some((p) => running(p.pid))) exitSeconds = (performance.now() - killedAt) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return {
      plugins,
      survivors: plugins.filter((p) => running(p.pid)),
      exitSeconds,
      tokenRequestsAtKill,
      tokenRequestsAfter: emulator.admin.counters().token,
      issuedAfterKill: emulator.admin.issuedTokens().length - issuedAtKill,
    };
  } finally {
    for (const p of below) {
      try {
        // The same process still (its command line), not another that got its pid since.
        const cmdline = readFileSync(`/proc/${p.pid}/cmdline`, "utf8").split("\0").join(" ").trim();
        if (cmdline === p.args) process.kill(p.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    emulator.admin.clearFaults();
    await finished;
  }
}
