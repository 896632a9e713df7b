import { randomUUID } from "node:crypto";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { Dispatcher } from "undici";
import { checkInputs } from "./check";
import { DEFAULTS } from "./defaults";
import { type Clock, systemClock } from "./clock";
import { fetchTokenInfo, mintToken } from "./flagship-api";
import {
  type TokenOutputs,
  remintReasons,
  replaceReasons,
  rotationDue,
  settingChanges,
} from "./rotation";
import type { TokenInputs } from "./schema";

/**
 * What the engine sends: the inputs after check, plus the resource's name (set by the Token class) and
 * the id of the provider instance that checked them (see CHECKED_BY).
 */
export type ProviderInputs = TokenInputs & { resourceName?: string; __checkedBy?: string };
export type ProviderOutputs = TokenOutputs & { resourceName?: string };

export interface ProviderDeps {
  clock: Clock;
  /** Where rotation reasons go; the engine shows the provider's stderr. Never given a secret. */
  log: (message: string) => void;
  /** The HTTP dispatcher; by default one keep-alive pool per process, with retries. */
  dispatcher?: Dispatcher;
}

const defaultDeps: ProviderDeps = {
  clock: systemClock,
  log: (message) => console.error(message),
};

/**
 * The input `check` adds, set to an id of this provider instance (one per provider process, so one per
 * `pulumi` command). The engine calls `diff(olds, news)` on `preview` and `up`, and since 3.274 also during
 * `refresh`, right after `read`; both times `olds` are the outputs in state. On `preview` and `up`, `news`
 * are the program's inputs, just checked by this process. During a refresh they are the inputs stored in
 * state by an earlier command (pulumi `pkg/resource/deploy/step.go`, `RefreshStep.Apply`, passes
 * `s.old.Inputs` as the new inputs), so they carry another id or none. That is the only difference the
 * engine lets a provider see, and what keeps a refresh from deciding anything about time.
 */
export const CHECKED_BY = "__checkedBy";

/**
 * The Token's provider: every decision about minting and rotating a token. Loaded at run time by the
 * serialized shell (see shell.ts), so nothing here is ever serialized into state.
 */
/** The provider's methods, typed as the engine calls them (see `dynamic.ResourceProvider`). */
export interface TokenProvider {
  check(olds: ProviderInputs, news: ProviderInputs): Promise<dynamic.CheckResult<ProviderInputs>>;
  diff(id: string, olds: ProviderOutputs, news: ProviderInputs): Promise<dynamic.DiffResult>;
  create(inputs: ProviderInputs): Promise<{ id: string; outs: ProviderOutputs }>;
  update(id: string, olds: ProviderOutputs, news: ProviderInputs): Promise<{ outs: ProviderOutputs }>;
  /** An empty id means the token is gone: the engine removes it from state. */
  read(id: string, props?: ProviderOutputs): Promise<{ id: string; props: ProviderOutputs }>;
  delete(id: string, props: ProviderOutputs): Promise<void>;
}

export function createTokenProvider(overrides: Partial<ProviderDeps> = {}): TokenProvider {
  const deps = { ...defaultDeps, ...overrides };
  const instance = randomUUID();

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
      if (checked.failures.length > 0) return checked as dynamic.CheckResult<ProviderInputs>;
      return { inputs: { ...checked.inputs, [CHECKED_BY]: instance }, failures: [] };
    },

    async diff(_id, olds, news) {
      const replaces = replaceReasons(olds, news);
      const remint = remintReasons(olds, news);
      const settings = settingChanges(olds, news);
      // Time counts only in a plan (`preview`, `up`): a refresh reports what the server says, nothing else.
      const planning = news[CHECKED_BY] === instance;
      const due = planning ? rotationDue(news.resourceName ?? "token", olds, news, deps.clock.now()) : undefined;
      if (due && replaces.length === 0 && remint.length === 0) deps.log(due);
      const changes = replaces.length + remint.length + settings.length > 0 || due !== undefined;
      return { changes, replaces, deleteBeforeReplace: false };
    },

    async create(inputs) {
      return { id: randomUUID(), outs: await mint(inputs) };
    },

    async update(_id, olds, news) {
      const due = rotationDue(news.resourceName ?? "token", olds, news, deps.clock.now());
      if (remintReasons(olds, news).length > 0 || due !== undefined) {
        // If minting throws, the engine keeps the old outputs: the old token stays in state.
        return { outs: await mint(news) };
      }
      // Only how the token is looked after changed: keep the token, take the new settings.
      const { rotateBeforeExpiry: _r, rotationPeriod: _p, ...kept } = olds;
      return { outs: { ...kept, ...settingsOf(news), resourceName: news.resourceName ?? olds.resourceName } };
    },

    async read(id, props) {
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
    },

    async delete() {
      // The API has no endpoint that revokes one token: deleting the resource forgets the token.
    },
  };
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
