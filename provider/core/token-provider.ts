import { randomUUID } from "node:crypto";
import type { Dispatcher } from "undici";
import { type CheckOutcome, checkInputs } from "./check";
import { DEFAULTS } from "./defaults";
import { type Clock, systemClock } from "./clock";
import { fetchTokenInfo, mintToken } from "./client/flagship-api";
import {
  type TokenOutputs,
  remintReasons,
  replaceReasons,
  rotationDue,
  settingChanges,
} from "./rotation";
import type { TokenInputs } from "./schema";

/** What the engine sends: the inputs after check, plus the resource's name (set by the Token class). */
export type ProviderInputs = TokenInputs & { resourceName?: string };
export type ProviderOutputs = TokenOutputs & { resourceName?: string };

export interface ProviderDeps {
  clock: Clock;
  /** Where rotation reasons go; the engine shows the provider's stderr. Never given a secret. */
  log: (message: string) => void;
  /** The HTTP dispatcher; by default one keep-alive pool per process, with retries. */
  dispatcher?: Dispatcher;
  /**
   * The tokens this process has read and not diffed since (id to resource name; see `justRead`): by
   * default one map per provider process, shared by every provider the process creates (the native face
   * creates one per call). Tests give a fresh map to play another command.
   */
  justRead: Map<string, string | undefined>;
}

/**
 * How a refresh is told from a plan. The engine calls `diff(id, olds, news)` on `preview` and `up`, and
 * since 3.274 also during `refresh`, right after `read` of the same resource (pulumi
 * `pkg/resource/deploy/step.go`, `RefreshStep.Apply`, with the inputs stored in state as `news`; also
 * for `up --refresh`, whose refresh step comes before the plan's `check` and `diff`). Time must count in a
 * plan and never in a refresh. So `read` notes the id, the next `diff` of that id takes the note and
 * counts no time, and `check` (which a refresh never calls, and a plan calls before its `diff`) drops
 * the notes of its resource, in case a refresh read was not followed by a diff (older engines, the
 * legacy refresh diff). Nothing about the command is written into the inputs: a mark there would change
 * every resource's stored inputs on every `up`, and the engine rewrites the whole state file for each
 * resource whose inputs changed (a no-op `up` of 200 tokens took 13-14 s instead of about 4 s).
 */
const justRead: ProviderDeps["justRead"] = new Map();

const defaultDeps: ProviderDeps = {
  clock: systemClock,
  log: (message) => console.error(message),
  justRead,
};

/**
 * The Token's provider: every decision about minting and rotating a token. Loaded at run time by the
 * serialized shell (see shell.ts), so nothing here is ever serialized into state.
 */
/** How one property differs: set where it was not, unset, or changed; `replace` when that replaces the token. */
export interface PropertyDiff {
  kind: "add" | "delete" | "update";
  replace: boolean;
  /** False for an output that changes without any input changing (a rotation renews `accessToken`). */
  input: boolean;
}

/** What `diff` decides, in no engine protocol's terms: each face maps what its protocol can carry. */
export interface DiffOutcome {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: false;
  /** Whether the update this diff calls for mints a new token (an input that needs one changed, or rotation is due). */
  remint: boolean;
  /** Per property (input names, or `accessToken` for a rotation with no input changed). */
  detailedDiff: Record<string, PropertyDiff>;
}

/** The provider's methods, in the engine's order of calls; faces translate them to a protocol. */
export interface TokenProvider {
  check(olds: ProviderInputs, news: ProviderInputs): Promise<CheckOutcome>;
  diff(id: string, olds: ProviderOutputs, news: ProviderInputs): Promise<DiffOutcome>;
  create(inputs: ProviderInputs): Promise<{ id: string; outs: ProviderOutputs }>;
  /**
   * `planned` is the decision of the plan being applied (`DiffOutcome.remint`), for engines that reject an
   * apply that does other than its plan said (Terraform): given, it is followed, else it is made again now.
   */
  update(id: string, olds: ProviderOutputs, news: ProviderInputs, planned?: { remint: boolean }): Promise<{ outs: ProviderOutputs }>;
  /** An empty id means the token is gone: the engine removes it from state. */
  read(id: string, props?: ProviderOutputs): Promise<{ id: string; props: ProviderOutputs }>;
  delete(id: string, props: ProviderOutputs): Promise<void>;
}

export function createTokenProvider(overrides: Partial<ProviderDeps> = {}): TokenProvider {
  const deps = { ...defaultDeps, ...overrides };

  async function mint(inputs: ProviderInputs): Promise<ProviderOutputs> {
    const issuedAt = deps.clock.now();
    const token = await mintToken(inputs, deps.dispatcher);
    const expiresIn = token.expiresIn ?? inputs.expiresIn;
    return {
      ...(inputs.resourceName === undefined ? {} : { resourceName: inputs.resourceName }),
      accountId: inputs.accountId,
      clientId: inputs.clientId,
      clientSecret: inputs.clientSecret,
      authUrl: inputs.authUrl,
      requestedScope: inputs.scope,
      requestedExpiresIn: inputs.expiresIn,
      ...settingsOf(inputs),
      ...(inputs.triggers === undefined ? {} : { triggers: inputs.triggers }),
      accessToken: token.accessToken,
      ...(token.refreshToken === undefined ? {} : { refreshToken: token.refreshToken }),
      tokenType: token.tokenType ?? "Bearer",
      scope: token.scope ?? inputs.scope,
      expiresIn,
      issuedAt: issuedAt.toISOString(),
      ...(expiresIn > 0 ? { expiresAt: new Date(issuedAt.getTime() + expiresIn * 1000).toISOString() } : {}),
    };
  }

  return {
    async check(_olds, news) {
      const checked = checkInputs(news as Record<string, unknown>);
      // A plan of this resource: a note left by an earlier read no longer stands for a refresh.
      for (const [id, name] of deps.justRead) if (name === news.resourceName) deps.justRead.delete(id);
      return checked;
    },

    async diff(id, olds, news) {
      const replaces = replaceReasons(olds, news);
      const remint = remintReasons(olds, news);
      const settings = settingChanges(olds, news);
      // Time counts only in a plan (`preview`, `up`): a refresh reports what the server says, nothing else.
      const planning = !deps.justRead.delete(id);
      const due = planning ? rotationDue(news.resourceName ?? "token", olds, news, deps.clock.now()) : undefined;
      if (due && replaces.length === 0 && remint.length === 0) deps.log(due);
      const changes = replaces.length + remint.length + settings.length > 0 || due !== undefined;
      const detailedDiff: Record<string, PropertyDiff> = {};
      for (const key of [...replaces, ...remint, ...settings]) {
        detailedDiff[key] = { kind: diffKind(olds, news, key), replace: replaces.includes(key), input: true };
      }
      if (due !== undefined && Object.keys(detailedDiff).length === 0) {
        detailedDiff.accessToken = { kind: "update", replace: false, input: false };
      }
      return { changes, replaces, deleteBeforeReplace: false, remint: remint.length > 0 || due !== undefined, detailedDiff };
    },

    async create(inputs) {
      return { id: randomUUID(), outs: await mint(inputs) };
    },

    async update(_id, olds, news, planned) {
      const remint =
        planned?.remint ??
        (remintReasons(olds, news).length > 0 || rotationDue(news.resourceName ?? "token", olds, news, deps.clock.now()) !== undefined);
      if (remint) {
        // If minting throws, the engine keeps the old outputs: the old token stays in state.
        return { outs: await mint(news) };
      }
      // Only how the token is looked after changed: keep the token, take the new settings.
      const { rotateBeforeExpiry: _r, rotationPeriod: _p, ...kept } = olds;
      return { outs: { ...kept, ...settingsOf(news), resourceName: news.resourceName ?? olds.resourceName } };
    },

    async read(id, props) {
      const result = await readToken(id, props);
      // A refresh's `diff` of this token follows (see justRead).
      if (result.id) deps.justRead.set(id, props?.resourceName);
      return result;
    },

    async delete() {
      // The API has no endpoint that revokes one token: deleting the resource forgets the token.
    },
  };

  async function readToken(id: string, props: ProviderOutputs | undefined): Promise<{ id: string; props: ProviderOutputs }> {
    if (!props || !props.accessToken || props.verifyOnRefresh === false) return { id, props: props as ProviderOutputs };
    const now = deps.clock.now();
    // An expired token stays in state; the next `up` re-mints it (diff decides, never read).
    if (props.expiresAt && now.getTime() >= Date.parse(props.expiresAt)) return { id, props };
    const info = await fetchTokenInfo(
      { ...props, secrets: [props.clientSecret, props.refreshToken ?? ""] },
      deps.dispatcher,
    );
    if (!info.valid) {
      deps.log(
        `token ${props.resourceName ?? id} is no longer accepted by the server (HTTP ${info.status}` +
          `${info.oauthError ? ` ${info.oauthError}` : ""}): removed from state; the next \`pulumi up\` mints a new one`,
      );
      return { id: "", props: {} as ProviderOutputs };
    }
    const refreshed: ProviderOutputs = { ...props, scope: info.scope ?? props.scope };
    const expiresAt = refreshedExpiresAt(props.expiresAt, info.expiresIn, now);
    if (expiresAt !== undefined) refreshed.expiresAt = expiresAt;
    return { id, props: refreshed };
  }
}

/** Inputs kept in state under another name: the requested scope and lifetime (see TokenOutputs). */
const STATE_KEY: Record<string, string> = { scope: "requestedScope", expiresIn: "requestedExpiresIn" };

function diffKind(olds: ProviderOutputs, news: ProviderInputs, key: string): PropertyDiff["kind"] {
  const set = (value: unknown) =>
    value !== undefined && value !== null && !(typeof value === "object" && Object.keys(value).length === 0);
  const was = set((olds as unknown as Record<string, unknown>)[STATE_KEY[key] ?? key]);
  const is = set((news as unknown as Record<string, unknown>)[key]);
  return was && !is ? "delete" : !was && is ? "add" : "update";
}

function settingsOf(inputs: ProviderInputs) {
  return {
    ...(inputs.rotateBeforeExpiry === undefined ? {} : { rotateBeforeExpiry: inputs.rotateBeforeExpiry }),
    ...(inputs.rotationPeriod === undefined ? {} : { rotationPeriod: inputs.rotationPeriod }),
    verifyOnRefresh: inputs.verifyOnRefresh,
    timeoutSeconds: inputs.timeoutSeconds,
  };
}

/**
 * The expiry to record after the server said how many seconds are left: the recorded one while the two
 * agree within DEFAULTS.expiresAtToleranceSeconds (the server counts whole seconds, and the request takes
 * time), so a refresh does not move it; else the server's.
 */
function refreshedExpiresAt(recorded: string | undefined, secondsLeft: number | undefined, now: Date): string | undefined {
  if (secondsLeft === undefined || secondsLeft <= 0) return recorded;
  const server = now.getTime() + secondsLeft * 1000;
  if (recorded !== undefined && Math.abs(server - Date.parse(recorded)) <= DEFAULTS.expiresAtToleranceSeconds * 1000) {
    return recorded;
  }
  return new Date(server).toISOString();
}
