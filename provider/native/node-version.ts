// The plugin's first module (main.ts imports it before anything else): refuses a `node` older than undici 8
// needs, with a message, before any dependency loads. Checked here rather than by the launcher, which would
// otherwise start a second node (`node --version`) at every plugin start (docs/benchmarks.md, cold start).
const NODE_MIN = "22.19.0";

/** The message for a Node.js version too old to run the plugin, or undefined when it is new enough. */
export function nodeTooOld(version: string): string | undefined {
  const [major = 0, minor = 0] = version.replace(/^v/, "").split(".").map(Number);
  const [minMajor = 0, minMinor = 0] = NODE_MIN.split(".").map(Number);
  if (major > minMajor || (major === minMajor && minor >= minMinor)) return undefined;
  return `pulumi-resource-flagship: needs Node.js >= ${NODE_MIN.replace(/\.0$/, "")} as \`node\` on PATH, found ${version.replace(/^v/, "")}`;
}

const tooOld = nodeTooOld(process.versions.node);
if (tooOld) {
  console.error(tooOld);
  process.exit(1);
}
