// The Terraform face's one adapter into the core: `flagship_token` (managed and ephemeral) as calls of the
// core's TokenProvider, which the face is given (rpc.ts's deps: the entry point's, or a test's with a
// fake clock). token-wire.ts maps Terraform objects to the core's inputs and outputs and back; every
// decision (validation, defaults, rotation, refresh, errors) is the core's.
import { withOrigins } from "../core/check";
import { DEFAULTS } from "../core/defaults";
import { UNKNOWN } from "../core/schema";
import type { Origin } from "../core/notices";
import type { ProviderInputs, TokenProvider } from "../core/token-provider";
import { CREDENTIALS, CREDENTIAL_PROPERTIES, snakeCase } from "./names";
import { EPHEMERAL_DEFAULTS, MINTED_ATTRIBUTES } from "./schema";
import {
  type Applied,
  type Failure,
  type Opened,
  type Planned,
  NAME,
  TerraformFailures,
  UNKNOWN_CREDENTIALS,
  ctx,
  echo,
  failuresOf,
  inputsOf,
  keptWithoutCredentials,
  known,
  outputsOf,
  quiet,
  recordOf,
  stateOf,
} from "./token-wire";
import { type TfObject, UNKNOWN_VALUE } from "./values";
import { planWarnings } from "./warnings";

export {
  type Applied,
  type Failure,
  type Opened,
  type Planned,
  TerraformFailures,
  credentialOrigins,
  credentialsOf,
  importRefusalOf,
} from "./token-wire";

/** The `flagship_token` calls of one provider process, over `core` (its clock decides rotation). */
export function tokenFace(core: TokenProvider) {
  /** `ValidateResourceConfig` / `ValidateEphemeralResourceConfig`: the resource's own attributes. */
  async function validateToken(config: TfObject, ephemeral: boolean): Promise<Failure[]> {
    const defaults = ephemeral ? { expiresIn: DEFAULTS.ephemeralExpiresInSeconds } : {};
    const { failures } = await core.check({}, inputsOf(config, UNKNOWN_CREDENTIALS, defaults) as unknown as Record<string, unknown>, quiet);
    return failuresOf(failures);
  }

  /**
   * `ValidateProviderConfig` and `ConfigureProvider`: the credentials that are set (in the block or the
   * environment). Missing ones are reported by the first plan that needs them, so that `destroy`, which
   * sends no request, needs none.
   */
  async function validateCredentials(credentials: Record<string, unknown>, origins: Partial<Record<string, Origin>> = {}): Promise<Failure[]> {
    const candidate = Object.fromEntries(Object.values(CREDENTIALS).map((p) => [p, credentials[p] ?? UNKNOWN]));
    const { failures } = await core.check({}, candidate, quiet);
    return failuresOf(withOrigins(failures, origins), (p) => CREDENTIAL_PROPERTIES.has(p));
  }

  /** The provider-block attributes (snake_case) set nowhere, for a plan of `config`. */
  async function unsetCredentials(config: TfObject, credentials: Record<string, unknown>): Promise<string[]> {
    const { failures } = await core.check({}, inputsOf(config, credentials, {}) as unknown as Record<string, unknown>, quiet);
    return failures.filter((f) => f.code === "unset" && CREDENTIAL_PROPERTIES.has(f.property)).map((f) => snakeCase(f.property));
  }

  async function checked(config: TfObject, credentials: Record<string, unknown>, defaults: Record<string, unknown> = {}): Promise<ProviderInputs> {
    const { inputs, failures } = await core.check({}, inputsOf(config, credentials, defaults) as unknown as Record<string, unknown>, quiet);
    if (failures.length > 0) throw new TerraformFailures(failuresOf(failures));
    return inputs;
  }

  // ---- The managed resource -------------------------------------------------------------------------------

  async function planToken(
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

  async function applyToken(
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
  async function readToken(
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

  /**
   * `OpenEphemeralResource`: a fresh token, never kept by this provider. The engine opens one only once its
   * own arguments are known, but a provider block may still hold values known only after apply: then the
   * open is deferred when the engine allows it (`deferralAllowed`), and refused in words that say what to do
   * when it does not (OpenTofu 1.12 and Terraform without deferrals reject a result that is not wholly known).
   */
  async function openToken(
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


  return { validateToken, validateCredentials, planToken, applyToken, readToken, openToken };
}

export type TokenFace = ReturnType<typeof tokenFace>;
