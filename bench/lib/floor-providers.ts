// The floors' dynamic providers, alone in a file that imports nothing: floors.ts installs it in
// node_modules as the package `pft-bench-floors`, so that Pulumi serializes each floor's provider the way
// it serializes an installed Token's: a `require` of the module by package name (provider/dynamic/shell.ts),
// not the functions by value. The floors then carry no more `__provider` bytes than the Token does.
import type * as dynamic from "@pulumi/pulumi/dynamic";

/** The minimal provider: no server, keeps its inputs as outputs, updates in place when `triggers` change. */
export const minimalProvider: dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`, outs: inputs };
  },
  async diff(_id, olds, news) {
    return { changes: JSON.stringify(olds.triggers ?? {}) !== JSON.stringify(news.triggers ?? {}) };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
};

// What a Token's check adds to its inputs (defaults), and the outputs a mint adds, with values shaped like
// the emulator's answers (43-character tokens). The shaped floor's provider.
export const shapedProvider: dynamic.ResourceProvider = {
  async check(_o, n) {
    return { inputs: { ...n, scope: "*", expiresIn: 0, verifyOnRefresh: true, timeoutSeconds: 10 } };
  },
  async create(i) {
    const c = require("crypto"), t = () => c.randomBytes(32).toString("base64url");
    const scope = "campaign.create campaign.update campaign.toggle env:*";
    const minted = { accessToken: t(), refreshToken: t(), tokenType: "Bearer", scope, issuedAt: new Date().toISOString() };
    const { clientSecret: _s, ...kept } = i;
    const secretFingerprint = `hmac-sha256:${c.randomBytes(16).toString("base64url")}:${t()}`;
    return { id: c.randomUUID(), outs: { ...kept, secretFingerprint, requestedScope: "*", requestedExpiresIn: 0, ...minted } };
  },
  async diff(_id, o, n) {
    return { changes: JSON.stringify(o.triggers ?? {}) !== JSON.stringify(n.triggers ?? {}) };
  },
  async update(_id, o, n) {
    return { outs: { ...o, triggers: n.triggers, accessToken: require("crypto").randomBytes(32).toString("base64url") } };
  },
};
