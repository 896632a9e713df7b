import { randomUUID } from "node:crypto";
import type { Dispatcher } from "undici";
import { type CheckOutcome, checkInputs } from "./check";
import { DEFAULTS } from "./defaults";
import { type Clock, systemClock } from "./clock";
import { fetchTokenInfo, mintToken } from "./client/flagship-api";
import type { OnRetry } from "./client/http";
import type { Notice, RemintReason, RotationReason } from "./notices";
import {
  type TokenOutputs,
  effectiveWindow,
  remintReasons,
  replaceReasons,
  rotationDue,
  settingChanges,
} from "./rotation";
import type { TokenInputs } from "./schema";
import { diffKind, identityOf, refreshedExpiresAt, tokenOf } from "./token-state";

/** What the engine sends: the inputs after check. */
export type ProviderInputs = TokenInputs;
/** What state holds (see TokenOutputs for the keys older states also hold). */
export type ProviderOutputs = TokenOutputs;

export interface ProviderDeps {
  clock: Clock;
  /** The HTTP dispatcher; by default one keep-alive pool per process, with retries. */
  dispatcher?: Dispatcher;
}

/** What one call is about, given by the face with every call and never stored. */
export interface CallContext {
  /** The resource's name, for messages. */
  name: string;
  /** Where notices for the user about this resource go (rotation reasons), for the face to render. Never hold a secret. */
  notify: (notice: Notice) => void;
  /**
   * Why `diff` is called, when the face knows it: "plan" counts time (rotation), "refresh" does not.
   * Unset: inferred (a diff right after a read of the same id is a refresh's; see createTokenProvider).
   */
  purpose?: "plan" | "refresh";
  /**
   * The engine may apply a plan later than it made it, and rejects an apply whose re-plan differs
   * (Terraform's saved plans). Then a plan that changes settings only never adds a rotation that time
   * alone calls for: the re-plan at apply time, later, could not agree with it. `DiffOutcome.deferred`
   * says so; the next plan, with the settings applied, rotates.
   */
  plansApplyLater?: boolean;
}

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
  /** Why the update mints a new token: each input that needs one, and the rotation due; empty when it mints none. */
  remintReasons: RemintReason[];
  /** A rotation due but left to the next plan (`CallContext.plansApplyLater`). */
  deferred?: RotationReason;
}

/**
 * The provider's methods, in the engine's order of calls; faces translate them to a protocol. `check`
 * takes raw values (anything the face received); the others take what `check` returned.
 */
export interface TokenProvider {
  check(olds: Record<string, unknown>, news: Record<string, unknown>, ctx: CallContext): Promise<CheckOutcome>;
  diff(id: string, olds: ProviderOutputs, news: ProviderInputs, ctx: CallContext): Promise<DiffOutcome>;
  create(inputs: ProviderInputs, ctx: CallContext): Promise<{ id: string; outs: ProviderOutputs }>;
  /**
   * `planned` is the decision of the plan being applied (`DiffOutcome.remint`), for engines that reject an
   * apply that does other than its plan said (Terraform): given, it is followed, else it is made again now.
   */
  update(
    id: string,
    olds: ProviderOutputs,
    news: ProviderInputs,
    ctx: CallContext,
    planned?: { remint: boolean },
  ): Promise<{ outs: ProviderOutputs }>;
  /** An empty id means the token is gone: the engine removes it from state. */
  read(id: string, props: ProviderOutputs | undefined, ctx: CallContext): Promise<{ id: string; props: ProviderOutputs }>;
  delete(id: string, props: ProviderOutputs, ctx: CallContext): Promise<void>;
}

/**
 * The Token's provider: every decision about minting and rotating a token. One per process; each call
 * brings its CallContext.
 *
 * How a refresh is told from a plan, when the face does not say (`purpose`). The engine calls
 * `diff(id, olds, news)` on `preview` and `up`, and also during `refresh`, right after `read` of the
 * same resource (its refresh diff: the Pulumi engine's `pkg/resource/deploy/step.go`, `RefreshStep.Apply`, with the
 * inputs stored in state as `news`; also for `up --refresh`, whose refresh step comes before the plan's
 * `check` and `diff`). Time must count in a plan and never in a refresh. So `read` notes the id, the next `diff` of
 * that id takes the note and counts no time, and `check` (which a refresh never calls, and a plan calls
 * before its `diff`) drops the notes of its resource, in case a refresh read was not followed by a diff
 * (the Pulumi engine's legacy refresh diff setting, with which its refresh compares outputs only). Nothing about the command is written into the
 * inputs: a mark there would change every resource's stored inputs on every `up`, and the engine
 * rewrites the whole state file for each resource whose inputs changed.
 */
export function createTokenProvider(overrides: Partial<ProviderDeps> = {}): TokenProvider {
  const deps: ProviderDeps = { clock: systemClock, ...overrides };
  /** The tokens read and not diffed since: id to the resource's name, and whether the read moved `expiresAt`. */
  const justRead = new Map<string, { name: string; moved: boolean }>();

  async function mint(inputs: ProviderInputs, ctx: CallContext): Promise<ProviderOutputs> {
    const issuedAt = deps.clock.now();
    const token = await mintToken(inputs, deps.dispatcher, retried("mint", ctx));
    const expiresIn = token.expiresIn ?? inputs.expiresIn;
    const window = inputs.rotateBeforeExpiry;
    if (typeof window === "number") {
      const effective = effectiveWindow(window, expiresIn, inputs.expiresIn);
      if (effective !== window) {
        ctx.notify({ code: "shortGrant", name: ctx.name, grantedSeconds: expiresIn, windowSeconds: window, effectiveSeconds: effective });
      }
    }
    return {
      ...identityOf(inputs),
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
    async check(_olds, news, ctx) {
      const checked = checkInputs(news);
      // A plan of this resource: a note left by an earlier read no longer stands for a refresh.
      for (const [id, note] of justRead) if (note.name === ctx.name) justRead.delete(id);
      return checked;
    },

    async diff(id, olds, news, ctx) {
      const replaces = replaceReasons(olds, news);
      const remint = remintReasons(olds, news);
      const settings = settingChanges(olds, news);
      // Time counts only in a plan: a refresh reports what the server says, nothing else.
      const note = justRead.get(id);
      justRead.delete(id);
      const planning = ctx.purpose === undefined ? note === undefined : ctx.purpose === "plan";
      // A refresh's diff (the engine's refresh semantics: the read's outputs against the inputs in state)
      // shows an `expiresAt` the read moved, or the engine would call the token unchanged.
      const moved = !planning && note?.moved === true;
      const timely = planning ? rotationDue(olds, news, deps.clock.now()) : undefined;
      const quiet = replaces.length === 0 && remint.length === 0;
      // See CallContext.plansApplyLater: a settings-only update of an engine that applies plans later keeps the token.
      const deferred = timely && quiet && settings.length > 0 && ctx.plansApplyLater ? timely : undefined;
      const due = deferred ? undefined : timely;
      if (due && quiet) ctx.notify({ code: "rotating", name: ctx.name, reason: due });
      const changes = replaces.length + remint.length + settings.length > 0 || due !== undefined || moved;
      const detailedDiff: Record<string, PropertyDiff> = {};
      for (const key of [...replaces, ...remint, ...settings]) {
        detailedDiff[key] = { kind: diffKind(olds, news, key), replace: replaces.includes(key), input: true };
      }
      if (due !== undefined && Object.keys(detailedDiff).length === 0) {
        detailedDiff.accessToken = { kind: "update", replace: false, input: false };
      }
      if (moved) detailedDiff.expiresAt = { kind: "update", replace: false, input: false };
      const remintReasonsOf: RemintReason[] = [
        ...remint.map((property) => ({ code: "inputChanged" as const, property })),
        ...(due ? [due] : []),
      ];
      return {
        changes,
        replaces,
        deleteBeforeReplace: false,
        remint: remintReasonsOf.length > 0,
        detailedDiff,
        remintReasons: remintReasonsOf,
        ...(deferred ? { deferred } : {}),
      };
    },

    async create(inputs, ctx) {
      return { id: randomUUID(), outs: await mint(inputs, ctx) };
    },

    async update(_id, olds, news, ctx, planned) {
      const remint =
        planned?.remint ?? (remintReasons(olds, news).length > 0 || rotationDue(olds, news, deps.clock.now()) !== undefined);
      if (remint) {
        // If minting throws, the engine keeps the old outputs: the old token stays in state.
        return { outs: await mint(news, ctx) };
      }
      // Only how the token is looked after changed: keep the token (and the secret's fingerprint), take the
      // new settings.
      return { outs: { ...identityOf(news, olds.secretFingerprint), ...tokenOf(olds) } };
    },

    async read(id, props, ctx) {
      const result = await readToken(id, props, ctx);
      // A refresh's `diff` of this token follows (see above).
      if (result.id) justRead.set(id, { name: ctx.name, moved: result.props?.expiresAt !== props?.expiresAt });
      return result;
    },

    async delete(_id, props, ctx) {
      // The API has no endpoint that revokes one token: deleting the resource forgets the token, which the
      // server accepts until it expires. Said, unless it has expired already.
      if (!props?.accessToken) return;
      if (!props.expiresAt) {
        if (props.expiresIn === 0) ctx.notify({ code: "stillValid", name: ctx.name, leftMs: null });
        return;
      }
      const leftMs = Date.parse(props.expiresAt) - deps.clock.now().getTime();
      if (leftMs > 0) ctx.notify({ code: "stillValid", name: ctx.name, leftMs });
    },
  };

  /** Each retry of a call, told to the user: a wait the server asked for (Retry-After) is not a silent one. */
  function retried(call: "mint" | "verify", ctx: CallContext): OnRetry {
    return ({ attempt, waitMs, ...cause }) =>
      ctx.notify({ code: "retrying", name: ctx.name, call, ...cause, waitMs, attempt: attempt + 1, attempts: DEFAULTS.maxAttempts });
  }

  async function readToken(
    id: string,
    props: ProviderOutputs | undefined,
    ctx: CallContext,
  ): Promise<{ id: string; props: ProviderOutputs }> {
    if (!props || !props.accessToken || props.verifyOnRefresh === false) return { id, props: props as ProviderOutputs };
    const now = deps.clock.now();
    // An expired token stays in state; the next plan re-mints it (diff decides, never read).
    if (props.expiresAt && now.getTime() >= Date.parse(props.expiresAt)) return { id, props };
    const info = await fetchTokenInfo(
      { ...props, secrets: [props.clientSecret ?? "", props.refreshToken ?? ""] },
      deps.dispatcher,
      retried("verify", ctx),
    );
    if (!info.valid) {
      ctx.notify({ code: "goneOnServer", name: ctx.name, status: info.status, ...(info.oauthError ? { oauthError: info.oauthError } : {}) });
      return { id: "", props: {} as ProviderOutputs };
    }
    // Every key the state held is kept (a refresh writes back what it read, older keys included).
    const refreshed: ProviderOutputs = { ...props, scope: info.scope ?? props.scope };
    const expiresAt = refreshedExpiresAt(props.expiresAt, info.expiresIn, now);
    if (expiresAt !== undefined) refreshed.expiresAt = expiresAt;
    return { id, props: refreshed };
  }
}
