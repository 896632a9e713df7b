// What the core tells a user, as codes and facts: why a token is re-minted, why check refused an input,
// what a refresh found. No engine's words here: each face renders these with its own Terms (its property
// names, its commands), through the functions below or its own phrasing.
import type { SettingName } from "./credentials";

/** Why time calls for a new token (rotation.ts decides). Durations in ms. */
export type RotationReason =
  | { code: "noToken" }
  | { code: "expired"; agoMs: number }
  /** `windowMs` is the window applied; `grantedMs` is set when the server's short grant capped it (rotation.ts). */
  | { code: "dueBeforeExpiry"; leftMs: number; windowMs: number; grantedMs?: number }
  | { code: "periodElapsed"; ageMs: number; periodMs: number };

/** Why a plan re-mints a token: time, or an input whose change needs a new token. */
export type RemintReason = RotationReason | { code: "inputChanged"; property: string };

/** A message for the user about one resource, sent through CallContext.notify. */
export type Notice =
  | { code: "rotating"; name: string; reason: RotationReason }
  /** A refresh found the token refused by the server: it is dropped from state, the next apply mints one. */
  | { code: "goneOnServer"; name: string; status: number; oauthError?: string }
  /** The server granted less lifetime than asked, shorter than twice the rotation window: the window is capped (rotation.ts). */
  | { code: "shortGrant"; name: string; grantedSeconds: number; windowSeconds: number; effectiveSeconds: number }
  /**
   * A delete forgot a token the server still accepts (the API cannot revoke one token): `leftMs` until it
   * expires, or null when it never expires (expiresIn 0).
   */
  | { code: "stillValid"; name: string; leftMs: number | null }
  /** An attempt failed and is tried again after `waitMs` (client/retry.ts): `status` of the answer, or the `error` code. */
  | {
      code: "retrying";
      name: string;
      /** A mint, a token-info check (a refresh), or a call of the Remote Control API (`name` is the resource's). */
      call: "mint" | "verify" | "api";
      status?: number;
      error?: string;
      waitMs: number;
      /** The attempt about to be made, of `attempts`. */
      attempt: number;
      attempts: number;
    };

/** A read found an object of the Remote Control API gone (deleted outside): it leaves state; the next run re-creates it. */
export type ResourceNotice = { code: "deletedOutside"; name: string; kind: string; id: string };

/**
 * Where a credential's value came from when the resource did not set it (credentials.ts): the provider's
 * configuration, stack config (`key` without the namespace), or an environment variable.
 */
export type Origin = { from: "provider" } | { from: "config"; key: string } | { from: "env"; variable: string };

/** Why check refused an input (check.ts). Never quotes the value. `origin`: where a credential's value came from. */
export type CheckFailure = { property: string; origin?: Origin } & (
  /** A required input set nowhere (argument, provider configuration, stack config, environment). */
  | { code: "unset" }
  /** A required input of a resource (it has no other source) not set. */
  | { code: "required" }
  /** `expected` is the rule's words without the property's name ("expected at least 0"). */
  | { code: "invalid"; expected: string }
  /** rotateBeforeExpiry not below expiresIn (`limit`): every run would rotate. */
  | { code: "rotationWindowTooLong"; limit: number }
  /** rotateBeforeExpiry on a token that never expires. */
  | { code: "rotationNeedsExpiry" }
);

/** How one engine's users say things. */
export interface Terms {
  /** A property as the engine's users write it (`clientId`, `client_id`). */
  name(property: string): string;
  /** The command that mints and rotates, e.g. "apply". */
  run: string;
  /** One run that may re-mint, in a sentence, e.g. "a plan". */
  aRun: string;
  /** The refresh, e.g. "a refresh". */
  refresh: string;
  /** What happens every time, in "or every plan would rotate": "plan". */
  cycle: string;
  /** How to set a credential that is set nowhere. */
  unset(property: SettingName): string;
  /** Where a value came from, after "from": "FLAGSHIP_AUTH_URL", "stack config flagship:authUrl". */
  origin(origin: Origin): string;
  /** What a delete did to the resource, after "token ci was": "deleted from the stack". */
  deleted: string;
}

/** A text of the core (a property's description) with `{run}`, `{aRun}` and `{refresh}` in the engine's words. */
export function inTerms(template: string, terms: Terms): string {
  return template.replace(/\{(run|aRun|refresh)\}/g, (_m, key: "run" | "aRun" | "refresh") => terms[key]);
}

/** Why a token is re-minted, as a clause: "expires in 1m40s, less than rotateBeforeExpiry (2m)". */
export function reasonText(reason: RemintReason, terms: Terms): string {
  switch (reason.code) {
    case "noToken":
      return "has no access token in state";
    case "expired":
      return `expired ${human(reason.agoMs)} ago`;
    case "dueBeforeExpiry":
      return reason.grantedMs === undefined
        ? `expires in ${human(reason.leftMs)}, less than ${terms.name("rotateBeforeExpiry")} (${human(reason.windowMs)})`
        : `expires in ${human(reason.leftMs)}, less than half the ${human(reason.grantedMs)} the server granted (${human(reason.windowMs)})`;
    case "periodElapsed":
      return `was issued ${human(reason.ageMs)} ago, ${terms.name("rotationPeriod")} is ${human(reason.periodMs)}`;
    case "inputChanged":
      return reason.property === "clientSecret" ? "the client secret changed" : `${terms.name(reason.property)} changed`;
  }
}

/** How a token forgotten by a delete is ended before it expires. */
const REVOKE = "To end it now, rotate the API client's secret in the Flagship UI";

/** A notice as one line: "token ci expires in 1m40s, less than rotateBeforeExpiry (2m), rotating". */
export function noticeText(notice: Notice, terms: Terms): string {
  switch (notice.code) {
    case "rotating":
      return notice.reason.code === "noToken"
        ? `token ${notice.name} has no access token in state, minting one`
        : `token ${notice.name} ${reasonText(notice.reason, terms)}, rotating`;
    case "goneOnServer":
      return (
        `token ${notice.name} is no longer accepted by the server (HTTP ${notice.status}` +
        `${notice.oauthError ? ` ${notice.oauthError}` : ""}): removed from state; the next ${terms.run} mints a new one`
      );
    case "shortGrant":
      return (
        `token ${notice.name}: the server granted ${notice.grantedSeconds}s, less than asked and less than twice ` +
        `${terms.name("rotateBeforeExpiry")} (${notice.windowSeconds}s): it is rotated once ${notice.effectiveSeconds}s ` +
        "are left (half the lifetime granted), not at every run"
      );
    case "stillValid":
      return notice.leftMs === null
        ? `token ${notice.name} was ${terms.deleted}, but the token stays valid: it never expires ` +
            `(${terms.name("expiresIn")} 0), and the Flagship API cannot revoke one token. ${REVOKE}`
        : `token ${notice.name} was ${terms.deleted}, but the token stays valid for ${human(notice.leftMs)} more, ` +
            `until it expires: the Flagship API cannot revoke one token. ${REVOKE}`;
    case "retrying": {
      const what =
        notice.call === "mint"
          ? `minting token ${notice.name}`
          : notice.call === "verify"
            ? `checking token ${notice.name}`
            : `calling the API for ${notice.name}`;
      const why =
        notice.status !== undefined
          ? `the server answered ${notice.status}`
          : notice.error === "TIMEOUT"
            ? `no complete answer within ${terms.name("timeoutSeconds")}`
            : `no answer (${notice.error})`;
      return `${what}: ${why}, trying again in ${seconds(notice.waitMs)} (attempt ${notice.attempt} of ${notice.attempts})`;
    }
  }
}

/** A resource's notice as one line, with `run` the engine's command ("apply", "up"). */
export function resourceNoticeText(notice: ResourceNotice, terms: Terms): string {
  return `${notice.kind} ${notice.name} (id ${notice.id}) was deleted outside: removed from state; the next ${terms.run} creates it again`;
}

/** A check failure as a reason that starts with the property's name: "expiresIn: expected at least 0". */
export function failureText(failure: CheckFailure, terms: Terms): string {
  const name = terms.name(failure.property) + (failure.origin ? ` (from ${terms.origin(failure.origin)})` : "");
  switch (failure.code) {
    case "unset":
      return `${name}: not set: ${terms.unset(failure.property as SettingName)}`;
    case "required":
      return `${name}: not set: expected a value (it is required)`;
    case "invalid":
      return `${name}: ${failure.expected}`;
    case "rotationWindowTooLong":
      return `${name}: expected less than ${terms.name("expiresIn")} (${failure.limit}), or every ${terms.cycle} would rotate`;
    case "rotationNeedsExpiry":
      return `${name}: expected ${terms.name("expiresIn")} > 0 as well (a token with ${terms.name("expiresIn")} 0 never expires)`;
  }
}

/** A short wait: 1234 ms -> "1.2s", 1000 -> "1s"; from 10 s on as human() says it. */
export function seconds(ms: number): string {
  if (ms >= 10_000) return human(ms);
  return `${Number((Math.max(0, ms) / 1000).toFixed(1))}s`;
}

/** 3725000 ms -> "1h2m5s"; 240000 -> "4m". */
export function human(ms: number): string {
  let s = Math.max(0, Math.round(ms / 1000));
  const parts: string[] = [];
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60]] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  if (s > 0 || parts.length === 0) parts.push(`${s}s`);
  return parts.join("");
}
