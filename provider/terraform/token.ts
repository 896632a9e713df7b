// The Terraform face's one adapter into the core: `flagship_token` (managed and ephemeral) as calls of the
// core's TokenProvider. It maps Terraform objects to the core's inputs and outputs and back; every
// decision (validation, defaults, rotation, refresh, errors) is the core's.
import { DEFAULTS } from "../core/defaults";
import { UNKNOWN } from "../core/schema";
import { originsOf, withCredentials } from "../core/credentials";
import { withOrigins } from "../core/check";
import { importRefusal } from "../core/errors";
import { type CheckFailure, type Notice, type Origin, failureText, noticeText } from "../core/notices";
import { type CallContext, createTokenProvider, type ProviderInputs, type ProviderOutputs } from "../core/token-provider";
import { CREDENTIALS, CREDENTIAL_ENV, CREDENTIAL_PROPERTIES, TERMS, TOKEN_INPUTS, snakeCase } from "./names";
import { EPHEMERAL_DEFAULTS, MINTED_ATTRIBUTES, TOKEN_DEFAULTS } from "./schema";
import { type TfObject, type TfValue, UNKNOWN_VALUE, hasUnknown } from "./values";
import { planWarnings } from "./warnings";

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

/** The core, one per process. */
const core = createTokenProvider();
/** Terraform does not tell a provider the resource's address: messages name the type. */
const NAME = "flagship_token";
/**
 * Each call's context, and the warnings its notices make. `purpose` is always said: `tofu plan` reads
 * (refreshes) a token right before it plans it, and that plan must count time. A plan may be saved and
 * applied later (`plansApplyLater`).
 */
function ctx(log: (message: string) => void, purpose?: CallContext["purpose"]): CallContext & { warnings: Failure[] } {
  const warnings: Failure[] = [];
  const notify = (notice: Notice) => {
    const summary = noticeText(notice, TERMS);
    log(summary);
    warnings.push({ summary, detail: "" });
  };
  return { name: NAME, notify, warnings, plansApplyLater: true, ...(purpose ? { purpose } : {}) };
}
const quiet = ctx(() => undefined);

/** The provider block's values, each falling back to its `FLAGSHIP_*` variable (the core's credential chain). */
export function credentialsOf(block: TfObject | null, env: NodeJS.ProcessEnv): Record<string, unknown> {
  return withCredentials({}, { provider: blockValues(block), env });
}

/** Which credentials came from a `FLAGSHIP_*` variable rather than the block: a message about one names it. */
export function credentialOrigins(block: TfObject | null, env: NodeJS.ProcessEnv): Partial<Record<string, Origin>> {
  const origins = originsOf({}, { provider: blockValues(block), env });
  return Object.fromEntries(Object.entries(origins).filter(([, origin]) => origin?.from === "env"));
}

function blockValues(block: TfObject | null): Record<string, unknown> {
  const provider: Record<string, unknown> = {};
  for (const [attribute, property] of Object.entries(CREDENTIALS)) {
    const value = block?.[attribute] ?? null;
    provider[property] = value === UNKNOWN_VALUE ? UNKNOWN : value;
  }
  return provider;
}

function coreValue(value: TfValue | undefined): unknown {
  if (value === undefined || value === null) return undefined;
  return hasUnknown(value) ? UNKNOWN : value;
}

function inputsOf(config: TfObject, credentials: Record<string, unknown>, defaults: Record<string, unknown> = {}): ProviderInputs {
  const inputs: Record<string, unknown> = { ...credentials };
  for (const [attribute, property] of Object.entries(TOKEN_INPUTS)) {
    if (!(attribute in config)) continue;
    inputs[property] = coreValue(config[attribute]) ?? defaults[property];
  }
  return inputs as unknown as ProviderInputs;
}


function failuresOf(found: CheckFailure[], only?: (property: string) => boolean): Failure[] {
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
const UNKNOWN_CREDENTIALS = Object.fromEntries(Object.values(CREDENTIALS).map((p) => [p, UNKNOWN]));

/** `ValidateResourceConfig` / `ValidateEphemeralResourceConfig`: the resource's own attributes. */
export async function validateToken(config: TfObject, ephemeral: boolean): Promise<Failure[]> {
  const defaults = ephemeral ? { expiresIn: DEFAULTS.ephemeralExpiresInSeconds } : {};
  const { failures } = await core.check({}, inputsOf(config, UNKNOWN_CREDENTIALS, defaults) as unknown as Record<string, unknown>, quiet);
  return failuresOf(failures);
}

/**
 * `ValidateProviderConfig` and `ConfigureProvider`: the credentials that are set (in the block or the
 * environment). Missing ones are reported by the first plan that needs them, so that `destroy`, which
 * sends no request, needs none.
 */
export async function validateCredentials(credentials: Record<string, unknown>, origins: Partial<Record<string, Origin>> = {}): Promise<Failure[]> {
  const candidate = Object.fromEntries(Object.values(CREDENTIALS).map((p) => [p, credentials[p] ?? UNKNOWN]));
  const { failures } = await core.check({}, candidate, quiet);
  return failuresOf(withOrigins(failures, origins), (p) => CREDENTIAL_PROPERTIES.has(p));
}

/** The provider-block attributes (snake_case) set nowhere, for a plan of `config`. */
async function unsetCredentials(config: TfObject, credentials: Record<string, unknown>): Promise<string[]> {
  const { failures } = await core.check({}, inputsOf(config, credentials, {}) as unknown as Record<string, unknown>, quiet);
  return failures.filter((f) => f.code === "unset" && CREDENTIAL_PROPERTIES.has(f.property)).map((f) => snakeCase(f.property));
}

/** The plan of a token whose credentials are not set: the token as recorded, with the configuration's arguments. */
function keptWithoutCredentials(prior: TfObject, config: TfObject, priorPrivate: Buffer, unset: string[]): Planned {
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

async function checked(config: TfObject, credentials: Record<string, unknown>, defaults: Record<string, unknown> = {}): Promise<ProviderInputs> {
  const { inputs, failures } = await core.check({}, inputsOf(config, credentials, defaults) as unknown as Record<string, unknown>, quiet);
  if (failures.length > 0) throw new TerraformFailures(failuresOf(failures));
  return inputs;
}

// ---- What the state keeps -------------------------------------------------------------------------------

/**
 * The core's outputs without the token: kept as the resource's private data (it holds the client secret's
 * fingerprint, `secretFingerprint`, never the secret).
 */
function recordOf(outs: ProviderOutputs): Buffer {
  const { accessToken: _a, refreshToken: _r, clientSecret: _s, ...rest } = outs;
  return Buffer.from(JSON.stringify(rest));
}

/** The core's outputs back from the state's token and its private record. */
function outputsOf(state: TfObject, record: Buffer | undefined): ProviderOutputs {
  const kept = record && record.length > 0 ? (JSON.parse(record.toString("utf8")) as Record<string, unknown>) : {};
  return {
    ...(kept as unknown as ProviderOutputs),
    accessToken: state.access_token as string,
    ...(typeof state.refresh_token === "string" ? { refreshToken: state.refresh_token } : {}),
  };
}

function stateOf(id: string, outs: ProviderOutputs, config: TfObject): TfObject {
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
function echo(config: TfObject, defaults: Record<string, TfValue> = TOKEN_DEFAULTS, names = Object.keys(TOKEN_INPUTS)): TfObject {
  return Object.fromEntries(names.map((a) => [a, config[a] ?? defaults[a] ?? null]));
}

const known = (value: unknown): TfValue => (value === UNKNOWN ? UNKNOWN_VALUE : (value as TfValue));

// ---- The managed resource -------------------------------------------------------------------------------

export async function planToken(
  prior: TfObject | null,
  config: TfObject | null,
  priorPrivate: Buffer,
  credentials: Record<string, unknown>,
  log: (message: string) => void,
): Promise<Planned> {
  if (config === null) return { state: null, private: Buffer.alloc(0), requiresReplace: [], warnings: [] };
  if (prior !== null) {
    // A token already minted needs no credential to be kept: `destroy` first plans every resource as a
    // normal plan would (its refresh), and must not fail for credentials it never uses.
    const unset = await unsetCredentials(config, credentials);
    if (unset.length > 0) return keptWithoutCredentials(prior, config, priorPrivate, unset);
  }
  const news = await checked(config, credentials);
  const mintedWith: TfObject = { account_id: known(news.accountId), client_id: known(news.clientId), auth_url: known(news.authUrl) };
  const unknownToken: TfObject = Object.fromEntries(MINTED_ATTRIBUTES.map((a) => [a, UNKNOWN_VALUE]));
  if (prior === null) {
    return {
      state: { ...echo(config), id: UNKNOWN_VALUE, ...unknownToken, ...mintedWith },
      private: Buffer.alloc(0),
      requiresReplace: [],
      warnings: [],
    };
  }
  const olds = outputsOf(prior, priorPrivate);
  // The plan's warnings are made of the outcome, which holds every reason (the notices repeat one of them).
  const outcome = await core.diff(prior.id as string, olds, news, { ...ctx(log, "plan"), notify: () => undefined });
  const requiresReplace = outcome.replaces.map(snakeCase);
  // What the token was minted with changes only with a replacement: one server spelled another way
  // (`localhost` for `127.0.0.1`) keeps the recorded value, so the plan shows no change.
  const state: TfObject = { ...prior, ...echo(config) };
  for (const [attribute, value] of Object.entries(mintedWith)) if (requiresReplace.includes(attribute)) state[attribute] = value;
  if (outcome.remint || requiresReplace.length > 0) Object.assign(state, unknownToken);
  return { state, private: priorPrivate, requiresReplace, warnings: requiresReplace.length > 0 ? [] : planWarnings(outcome) };
}

export async function applyToken(
  prior: TfObject | null,
  priorPrivate: Buffer,
  planned: TfObject | null,
  config: TfObject | null,
  credentials: Record<string, unknown>,
  log: (message: string) => void,
): Promise<Applied> {
  const call = ctx(log);
  if (planned === null || config === null) {
    if (prior !== null) await core.delete(prior.id as string, outputsOf(prior, priorPrivate), call);
    return { state: null, private: Buffer.alloc(0), warnings: call.warnings };
  }
  const news = await checked(config, credentials);
  if (prior === null) {
    const { id, outs } = await core.create(news, call);
    return { state: stateOf(id, outs, config), private: recordOf(outs), warnings: call.warnings };
  }
  const olds = outputsOf(prior, priorPrivate);
  // The plan decided: a token planned unknown is minted now, a known one is kept (Terraform rejects an
  // apply whose result differs from a known planned value).
  const remint = planned.access_token === UNKNOWN_VALUE;
  const { outs } = await core.update(prior.id as string, olds, news, call, { remint });
  return { state: stateOf(prior.id as string, outs, config), private: recordOf(outs), warnings: call.warnings };
}

/** `ReadResource` (refresh): the core verifies; null when the server no longer accepts the token. */
export async function readToken(
  state: TfObject,
  record: Buffer,
  credentials: Record<string, unknown>,
  log: (message: string) => void,
): Promise<Applied> {
  const olds = outputsOf(state, record);
  const call = ctx(log, "refresh");
  const { id, props } = await core.read(state.id as string, olds, call);
  if (id === "") return { state: null, private: Buffer.alloc(0), warnings: call.warnings };
  return {
    state: { ...state, granted_scope: props.scope, expires_at: props.expiresAt ?? null },
    private: recordOf(props),
    warnings: call.warnings,
  };
}

// ---- The ephemeral resource -----------------------------------------------------------------------------

/** What an open of the ephemeral token gives: the token, or a deferral while the provider configuration is unknown. */
export type Opened = { result: TfObject } | { deferred: "providerConfigUnknown" };

/**
 * `OpenEphemeralResource`: a fresh token, never kept by this provider. The engine opens one only once its
 * own arguments are known, but a provider block may still hold values known only after apply: then the
 * open is deferred when the engine allows it (`deferralAllowed`), and refused in words that say what to do
 * when it does not (OpenTofu 1.12 and Terraform without deferrals reject a result that is not wholly known).
 */
export async function openToken(
  config: TfObject,
  credentials: Record<string, unknown>,
  log: (message: string) => void,
  deferralAllowed = false,
): Promise<Opened> {
  const news = await checked(config, credentials, { expiresIn: DEFAULTS.ephemeralExpiresInSeconds });
  const result = echo(config, EPHEMERAL_DEFAULTS, Object.keys(EPHEMERAL_DEFAULTS));
  const unknownNames = Object.keys(news).filter((name) => (news as Record<string, unknown>)[name] === UNKNOWN);
  const unknown = unknownNames.filter((name) => CREDENTIAL_PROPERTIES.has(name)).map(snakeCase);
  // The engines open an ephemeral resource only once its own arguments are known; should one ask before,
  // the result is unknown too.
  if (unknownNames.length > 0 && unknown.length === 0) {
    return { result: { ...result, access_token: UNKNOWN_VALUE, token_type: UNKNOWN_VALUE, granted_scope: UNKNOWN_VALUE, expires_at: UNKNOWN_VALUE } };
  }
  if (unknown.length > 0) {
    if (deferralAllowed) return { deferred: "providerConfigUnknown" };
    const list = unknown.map((a) => `\`${a}\``).join(", ");
    throw new TerraformFailures([
      {
        summary: `The ephemeral ${NAME} cannot be opened yet: the provider's ${list} ${unknown.length === 1 ? "is" : "are"} known only after apply`,
        detail:
          "An ephemeral token is minted while planning, so the provider block needs values known at plan time " +
          "(variables, locals, data sources), not the outputs of resources still to be created. Apply those first " +
          "(`apply -target=<resource>`), then plan again; or use the managed flagship_token, which waits for apply.",
      },
    ]);
  }
  const { outs } = await core.create(news, ctx(log));
  return { result: { ...result, access_token: outs.accessToken, token_type: outs.tokenType, granted_scope: outs.scope, expires_at: outs.expiresAt ?? null } };
}

/** `ImportResourceState`: refused, in the core's words. */
export function importRefusalOf(typeName: string): Failure {
  return {
    summary: importRefusal(typeName).replace(/ Declare the Token.*$/, ""),
    detail: `Declare the ${NAME} resource in the configuration and run \`tofu apply\` (or \`terraform apply\`) to mint one.`,
  };
}
