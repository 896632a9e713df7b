// The `node … @pulumi/pulumi/cmd/run` command line and environment, as the official host builds them
// (sdk/nodejs/cmd/pulumi-language-nodejs/main.go: parseOptions, constructArguments, constructConfig).
import type { ProgramInfo, RunRequest } from "@pulumi/pulumi/proto/language_pb";

/** The `runtime.options` of Pulumi.yaml this host understands. */
export interface NodeOptions {
  /** Compile TypeScript with ts-node at run time (default true). */
  typescript: boolean;
  /** The tsconfig.json ts-node uses, relative to the program directory. */
  tsconfig: string;
  /** Extra arguments for `node`, split like a shell would. */
  nodeargs: string[];
}

/** Thrown for a Pulumi.yaml option of the wrong type; the message names the option. */
export class OptionError extends Error {}

export function parseOptions(info: ProgramInfo | undefined): NodeOptions {
  const raw = (info?.getOptions()?.toJavaScript() ?? {}) as Record<string, unknown>;
  const options: NodeOptions = { typescript: true, tsconfig: "", nodeargs: [] };
  if ("typescript" in raw) {
    if (typeof raw.typescript !== "boolean") throw new OptionError("typescript option must be a boolean");
    options.typescript = raw.typescript;
  }
  if ("tsconfig" in raw) {
    if (typeof raw.tsconfig !== "string") throw new OptionError("tsconfigpath option must be a string");
    options.tsconfig = raw.tsconfig;
  }
  if ("nodeargs" in raw) {
    if (typeof raw.nodeargs !== "string") throw new OptionError("nodeargs option must be a string");
    options.nodeargs = shellSplit(raw.nodeargs);
  }
  return options;
}

/** Splits like a POSIX shell (quotes and backslashes; no expansion), as github.com/google/shlex does. */
export function shellSplit(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word = `${word ?? ""}${c}`;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === "\\" && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) word = `${word ?? ""}${text[++i]}`;
      else word = `${word ?? ""}${c}`;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= "";
    } else if (c === "\\" && i + 1 < text.length) {
      word = (word ?? "") + text[++i];
    } else {
      word = (word ?? "") + c;
    }
  }
  if (quote) throw new OptionError(`nodeargs option: unclosed ${quote} quote`);
  if (word !== undefined) words.push(word);
  return words;
}

/** `run` module path, monitor and engine addresses, then the flags `@pulumi/pulumi/cmd/run` parses. */
export function runArguments(req: RunRequest, runPath: string, engineAddress: string, tracing: string): string[] {
  const args = [runPath];
  const add = (name: string, value: string) => {
    if (value !== "") args.push(`--${name}`, value);
  };
  const info = req.getInfo();
  add("monitor", req.getMonitorAddress());
  add("engine", engineAddress);
  add("organization", req.getOrganization());
  add("project", req.getProject());
  add("root-directory", info?.getRootDirectory() ?? "");
  add("stack", req.getStack());
  add("pwd", info?.getProgramDirectory() ?? req.getPwd());
  if (req.getDryrun()) args.push("--dry-run");
  add("parallel", String(req.getParallel()));
  add("tracing", tracing);
  args.push(info?.getEntryPoint() || req.getProgram() || ".");
  args.push(...req.getArgsList());
  return args;
}

/**
 * PULUMI_CONFIG: the stack config with keys in the `<namespace>:config:<name>` form older SDKs expect
 * (newer ones read both forms).
 */
export function configJson(req: RunRequest): string {
  const config: Record<string, string> = {};
  for (const [key, value] of req.getConfigMap().toArray() as Array<[string, string]>) {
    const match = /^([^:]+):(?:config:)?(.+)$/.exec(key);
    if (!match) throw new OptionError(`config key "${key}" has no namespace (expected <namespace>:<name>)`);
    config[`${match[1]}:config:${match[2]}`] = value;
  }
  return JSON.stringify(config);
}

/** The environment of the program: this host's, plus config, secret keys and the TypeScript options. */
export function runEnvironment(req: RunRequest, options: NodeOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  env.PULUMI_CONFIG = configJson(req);
  env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(req.getConfigsecretkeysList());
  if (options.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;
  return env;
}
