// The Terraform face's mapping of `flagship_token` between Terraform objects and the core's inputs and
// outputs, with no core: the provider block's values, what the state and its private record keep, the
// failures as Terraform reports them. token.ts calls the core with these.
import { UNKNOWN } from "../core/schema";
import { originsOf, withCredentials } from "../core/credentials";
import { importRefusal } from "../core/errors";
import { type CheckFailure, type Notice, type Origin, failureText, noticeText } from "../core/notices";
import type { CallContext, ProviderInputs, ProviderOutputs } from "../core/token-provider";
import { CREDENTIALS, CREDENTIAL_ENV, CREDENTIAL_PROPERTIES, TERMS, TOKEN_INPUTS, snakeCase } from "./names";
import { TOKEN_DEFAULTS } from "./schema";
import { type TfObject, type TfValue, UNKNOWN_VALUE, hasUnknown } from "./values";


/** A problem to report as a diagnostic; `attribute` is a top-level attribute of the object checked. */
export interface Failure {
  summary: string;
  detail: string;
  attribute?: string;
}

export interface Planned {
  state: TfObject | null;
  private: Buffer;
  requiresReplace: string[];
  /** Why the plan re-mints the token, or keeps one that is due: warning diagnostics. */
  warnings: Failure[];
}

export interface Applied {
  state: TfObject | null;
  private: Buffer;
  /** The core's notices of the call (a short grant, a token the server refused): warning diagnostics. */
  warnings: Failure[];
}

/** Thrown with what to report; the caller keeps the prior state. */
export class TerraformFailures extends Error {
  constructor(readonly failures: Failure[]) {
    super(failures.map((f) => f.summary).join("; "));
  }
}

/** Terraform does not tell a provider the resource's address: messages name the type. */
export const NAME = "flagship_token";
/**
 * Each call's context, and the warnings its notices make. `purpose` is always said: `tofu plan` reads
 * (refreshes) a token right before it plans it, and that plan must count time. A plan may be saved and
 * applied later (`plansApplyLater`).
 */
export function ctx(log: (message: string) => void, purpose?: CallContext["purpose"]): CallContext & { warnings: Failure[] } {
  const warnings: Failure[] = [];
  const notify = (notice: Notice) => {
    const summary = noticeText(notice, TERMS);
    log(summary);
    warnings.push({ summary, detail: "" });
  };
  return { name: NAME, notify, warnings, plansApplyLater: true, ...(purpose ? { purpose } : {}) };
}
export const quiet = ctx(() => undefined);

/** The provider block's values, each falling back to its `FLAGSHIP_*` variable (the core's credential chain). */
export function credentialsOf(block: TfObject | null, env: NodeJS.ProcessEnv): Record<string, unknown> {
  return withCredentials({}, { provider: blockValues(block), env });
}

/** Which credentials came from a `FLAGSHIP_*` variable rather than the block: a message about one names it. */
export function credentialOrigins(block: TfObject | null, env: NodeJS.ProcessEnv): Partial<Record<string, Origin>> {
  const origins = originsOf({}, { provider: blockValues(block), env });
  return Object.fromEntries(Object.entries(origins).filter(([, origin]) => origin?.from === "env"));
}

export function blockValues(block: TfObject | null): Record<string, unknown> {
  const provider: Record<string, unknown> = {};
  for (const [attribute, property] of Object.entries(CREDENTIALS)) {
    const value = block?.[attribute] ?? null;
    provider[property] = value === UNKNOWN_VALUE ? UNKNOWN : value;
  }
  return provider;
}

export function coreValue(value: TfValue | undefined): unknown {
  if (value === undefined || value === null) return undefined;
  return hasUnknown(value) ? UNKNOWN : value;
}

export function inputsOf(config: TfObject, credentials: Record<string, unknown>, defaults: Record<string, unknown> = {}): ProviderInputs {
  const inputs: Record<string, unknown> = { ...credentials };
  for (const [attribute, property] of Object.entries(TOKEN_INPUTS)) {
    if (!(attribute in config)) continue;
    inputs[property] = coreValue(config[attribute]) ?? defaults[property];
  }
  return inputs as unknown as ProviderInputs;
}


export function failuresOf(found: CheckFailure[], only?: (property: string) => boolean): Failure[] {
  return found
    .filter((f) => only?.(f.property) ?? true)
    .map((f) => {
      const attribute = snakeCase(f.property);
      const reason = failureText(f, TERMS);
      if (CREDENTIAL_PROPERTIES.has(f.property)) {
        const env = CREDENTIAL_ENV[attribute as keyof typeof CREDENTIALS];
        return { summary: `Invalid provider configuration: ${reason}`, detail: `Set ${attribute} in the provider "flagship" block, or ${env}.` };
      }
      return { summary: `Invalid ${NAME}: ${reason}`, detail: `Fix ${attribute} in the configuration.`, attribute };
    });
}

/** Stand-ins for the credentials where only a resource's own attributes are validated. */
export const UNKNOWN_CREDENTIALS = Object.fromEntries(Object.values(CREDENTIALS).map((p) => [p, UNKNOWN]));

/** The plan of a token whose credentials are not set: the token as recorded, with the configuration's arguments. */
export function keptWithoutCredentials(prior: TfObject, config: TfObject, priorPrivate: Buffer, unset: string[]): Planned {
  const list = unset.map((a) => `\`${a}\``).join(", ");
  return {
    state: { ...prior, ...echo(config) },
    private: priorPrivate,
    requiresReplace: [],
    warnings: [
      {
        summary: `${NAME} planned without credentials: ${list} ${unset.length === 1 ? "is" : "are"} not set, so this plan keeps the token and mints nothing`,
        detail: "A plan that rotates or re-mints the token needs them; a destroy does not.",
      },
    ],
  };
}

// ---- What the state keeps -------------------------------------------------------------------------------

/**
 * The core's outputs without the token: kept as the resource's private data (it holds the client secret's
 * fingerprint, `secretFingerprint`, never the secret).
 */
export function recordOf(outs: ProviderOutputs): Buffer {
  const { accessToken: _a, refreshToken: _r, clientSecret: _s, ...rest } = outs;
  return Buffer.from(JSON.stringify(rest));
}

/** The core's outputs back from the state's token and its private record. */
export function outputsOf(state: TfObject, record: Buffer | undefined): ProviderOutputs {
  const kept = record && record.length > 0 ? (JSON.parse(record.toString("utf8")) as Record<string, unknown>) : {};
  return {
    ...(kept as unknown as ProviderOutputs),
    accessToken: state.access_token as string,
    ...(typeof state.refresh_token === "string" ? { refreshToken: state.refresh_token } : {}),
  };
}

export function stateOf(id: string, outs: ProviderOutputs, config: TfObject): TfObject {
  return {
    ...echo(config),
    id,
    access_token: outs.accessToken,
    refresh_token: outs.refreshToken ?? null,
    token_type: outs.tokenType,
    granted_scope: outs.scope,
    issued_at: outs.issuedAt,
    expires_at: outs.expiresAt ?? null,
    account_id: outs.accountId,
    client_id: outs.clientId,
    auth_url: outs.authUrl,
  };
}

/**
 * The input attributes as configured (Terraform requires the state to repeat them), a null one with a
 * default as its default: those are optional and computed, so the plan shows and the state keeps it.
 */
export function echo(config: TfObject, defaults: Record<string, TfValue> = TOKEN_DEFAULTS, names = Object.keys(TOKEN_INPUTS)): TfObject {
  return Object.fromEntries(names.map((a) => [a, config[a] ?? defaults[a] ?? null]));
}

export const known = (value: unknown): TfValue => (value === UNKNOWN ? UNKNOWN_VALUE : (value as TfValue));

/** What an open of the ephemeral token gives: the token, or a deferral while the provider configuration is unknown. */
export type Opened = { result: TfObject } | { deferred: "providerConfigUnknown" };

/** `ImportResourceState`: refused, in the core's words. */
export function importRefusalOf(typeName: string): Failure {
  return {
    summary: importRefusal(typeName).replace(/ Declare the Token.*$/, ""),
    detail: `Declare the ${NAME} resource in the configuration and run \`tofu apply\` (or \`terraform apply\`) to mint one.`,
  };
}
