// Ends a plugin process when the program that started it (its host) goes away, so that no orphan keeps
// serving its port or finishing mints nobody will record. Three signs, each optional but the first:
// - the parent process changed: the host died and the process was re-parented (to PID 1 or a subreaper);
// - stdin, when it is a pipe the host holds the other end of, reached its end;
// - a probe of the host (its RPC address, say) says it is gone.
// Timers are unref'd: the watch never keeps the process alive, and costs one `process.ppid` a poll.
import { fstatSync } from "node:fs";

/** How often the parent is checked, in ms. */
export const PARENT_POLL_MS = 250;
/** How often the probe runs, in ms; the host is gone after two failed probes in a row. */
export const PROBE_EVERY_MS = 1000;

export interface HostWatchOptions {
  /** Called once, with why, when the host is gone. Default: exit at once (code 1), in-flight requests dropped. */
  onGone?: (reason: string) => void;
  /** Also treat the end of stdin as the host's exit, when stdin is a pipe or socket (never a file, a terminal or /dev/null). */
  stdinPipe?: boolean;
  /** Resolves false when the host is gone (never rejects). Two falses in a row end the process. */
  probe?: () => Promise<boolean>;
  /** Parent poll period in ms (default PARENT_POLL_MS). */
  pollMs?: number;
  /** Probe period in ms (default PROBE_EVERY_MS). */
  probeEveryMs?: number;
}

export interface HostWatch {
  stop(): void;
}

/** Whether file descriptor 0 is a pipe (or a socket pair, Node's kind of pipe to a child). */
function stdinIsPipe(): boolean {
  try {
    const stat = fstatSync(0);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}

/** Starts watching the host of this process; see the file's comment. */
export function watchHost(options: HostWatchOptions = {}): HostWatch {
  const onGone = options.onGone ?? (() => process.exit(1));
  const parent = process.ppid;
  const timers: NodeJS.Timeout[] = [];
  let done = false;
  let readingStdin = false;
  const gone = (reason: string) => {
    if (done) return;
    watch.stop();
    onGone(reason);
  };
  const watch: HostWatch = {
    stop() {
      done = true;
      for (const timer of timers) clearInterval(timer);
      if (readingStdin) process.stdin.off("end", onEnd).off("close", onEnd).off("error", onEnd);
    },
  };
  const onEnd = () => gone("stdin closed");

  // A parent of 1 from the start (the host is PID 1, in a container) stays 1: only a change counts.
  timers.push(setInterval(() => process.ppid !== parent && gone(`parent ${parent} exited`), options.pollMs ?? PARENT_POLL_MS).unref());

  if (options.stdinPipe && stdinIsPipe()) {
    readingStdin = true;
    const stdin = process.stdin;
    stdin.on("end", onEnd).on("close", onEnd).on("error", onEnd);
    stdin.on("data", () => undefined); // read and drop: the host writes nothing
    (stdin as unknown as { unref?: () => void }).unref?.();
  }

  const probe = options.probe;
  if (probe) {
    let failures = 0;
    let running = false;
    const tick = async () => {
      if (running || done) return;
      running = true;
      const alive = await probe();
      running = false;
      failures = alive ? 0 : failures + 1;
      if (failures >= 2) gone("the host stopped answering");
    };
    timers.push(setInterval(() => void tick(), options.probeEveryMs ?? PROBE_EVERY_MS).unref());
  }
  return watch;
}
