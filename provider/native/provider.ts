// The native face: the core's TokenProvider (and the declared resources) as the NativeProvider that handlers.ts serves for `flagship:index:Token`.
// It translates wire formats (secrets, unknowns, config sources, the URN's name) and decides nothing itself.
import { type CheckOutcome, checkSources, withOrigins } from "../core/check";
import { apiClientFor } from "../core/client/api";
import type { ApiClient, ApiSettings } from "../core/client/api-types";
import { API_SETTING_NAMES, type CredentialSources, SOURCED_NAMES, originsOf, sourced, withCredentials } from "../core/credentials";
import { FlagshipTokenError, importRefusal } from "../core/errors";
import { failureText, noticeText } from "../core/notices";
import { apiSettingsOf } from "../core/resources/settings";
import {
  type CallContext,
  createTokenProvider,
  type ProviderInputs,
  type ProviderOutputs,
  type TokenProvider,
} from "../core/token-provider";
import { API_SECRET_SETTINGS } from "./resource-schema";
import { type NativeDiff, createDeclaredResources } from "./resources";
import { TOKEN_TYPE, packageSchema } from "./schema";
import { TERMS, clock } from "./terms";
import { type Props, nameOf, stackConfig, stringsAsDeclared, UNKNOWN, unwrap, wrap } from "./wire";

export interface NativeProvider {
  version: string;
  getSchema(): Promise<string>;
  /** The provider's own inputs (`pulumi:providers:flagship`): credentials and server, validated. */
  checkConfig(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: Failure[] }>;
  /** The names of the provider's inputs that changed. */
  diffConfig(olds: Props, news: Props): string[];
  /** Keeps the provider's inputs: the second link of the credential chain, after the Token's own inputs. */
  configure(inputs: Props): void;
  check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: Failure[] }>;
  /** Returns the core's outcome; server.ts puts its per-property detail on the wire. */
  diff(id: string, urn: string, olds: Props, news: Props): Promise<NativeDiff>;
  create(urn: string, inputs: Props): Promise<{ id: string; outs: Props }>;
  update(id: string, urn: string, olds: Props, news: Props): Promise<{ outs: Props }>;
  /** `inputs`: the inputs of an object read (a refresh or an import of a declared resource). */
  read(id: string, urn: string, props?: Props): Promise<{ id: string; props: Props; inputs?: Props }>;
  delete(id: string, urn: string, props: Props): Promise<void>;
  /** The declared functions (`flagship:index:get<list>`). */
  invoke(token: string, args: Props): Promise<{ outputs: Props }>;
}

/** A check failure as the engine takes it: the property, and the reason in a Pulumi user's words. */
export interface Failure {
  property: string;
  reason: string;
}

/**
 * Failures in the Pulumi faces' words, as the engine gets them: without the property, whose value the
 * engine would print beside the reason (`property authUrl value {https://user:pw@…}`, or `{<nil>}` for a
 * value from the environment). Every reason starts with the property's name.
 */
const rendered = (failures: CheckOutcome["failures"]): Failure[] =>
  failures.map((f) => ({ property: "", reason: failureText(f, TERMS) }));

export interface NativeDeps {
  version: string;
  /** Where the core's messages for the user go, attached to the resource's URN. */
  log: (message: string, urn: string) => void;
  env?: NodeJS.ProcessEnv;
  /** The core (tests inject one with a clock); by default one with the system clock, for the process. */
  core?: TokenProvider;
  /** The Remote Control API client for settings; by default the core's, one per process and settings. */
  apiClient?: (settings: ApiSettings) => ApiClient;
}

/** The provider's inputs kept by Configure: the credential chain's and the API's settings. */
const CONFIG_NAMES = [...SOURCED_NAMES, ...API_SETTING_NAMES];

/** The core's client: one per process and settings (a refresh of many objects shares its token and reads). */
const defaultApiClient = (settings: ApiSettings): ApiClient => apiClientFor(settings, { clock });

export function createNativeProvider(deps: NativeDeps): NativeProvider {
  const { version, env = process.env } = deps;
  const config = stackConfig(env);
  const sources: CredentialSources = { config: (key) => config[key], env };
  const core = deps.core ?? createTokenProvider({ clock });
  const declared = createDeclaredResources({ sources, log: deps.log, apiClient: deps.apiClient ?? defaultApiClient });
  const isDeclared = (urn: string) => declared.serves(urn.split("::")[2] ?? "");
  /** Each call's context: the name from the URN, messages attached to the URN. */
  const ctx = (urn: string): CallContext => ({ name: nameOf(urn), notify: (notice) => deps.log(noticeText(notice, TERMS), urn) });
  const assertType = (urn: string) => {
    const type = urn.split("::")[2];
    if (type !== TOKEN_TYPE) throw new Error(`unknown resource type ${type}: this plugin does not provide it`);
  };
  /**
   * The Token's inputs for the core: as check returned them, with the client secret of the chain (the
   * configured provider, stack config, the environment) when the Token sets none itself: check keeps it
   * out of the Token's inputs, so that state holds it once, in the provider's. (A state written before
   * holds it among the Token's inputs; it is used as such.)
   */
  const inputsOf = (props: Props) => {
    const plain = unwrap(props).plain;
    const clientSecret = sourced("clientSecret", plain.clientSecret, sources);
    return { ...plain, ...(clientSecret === undefined || clientSecret === null ? {} : { clientSecret }) } as unknown as ProviderInputs;
  };
  const outputsOf = (props: Props) => unwrap(props).plain as unknown as ProviderOutputs;
  const wire = (outs: ProviderOutputs, secretKeys: string[] = []) => wrap(outs as unknown as Props, secretKeys);

  return {
    version,
    async getSchema() {
      return JSON.stringify(packageSchema(version));
    },

    async checkConfig(_urn, _olds, news) {
      const { plain, secretKeys } = unwrap(news);
      const { inputs, failures } = checkSources(stringsAsDeclared(plain));
      // The API's settings with their rules (the credentials' are checked above, with the Token's).
      const apiFailures = apiSettingsOf({ provider: plain }).failures.flatMap(({ origin: _origin, ...f }) =>
        f.code === "invalid" && (API_SETTING_NAMES as string[]).includes(f.property) ? [f] : [],
      );
      const all = [...failures, ...apiFailures];
      // The access token wrapped as a secret like the client secret: the engine stores it encrypted.
      return { inputs: wrap(all.length > 0 ? plain : inputs, [...secretKeys, ...API_SECRET_SETTINGS]), failures: rendered(all) };
    },

    diffConfig(olds, news) {
      const before = unwrap(olds).plain;
      const after = unwrap(news).plain;
      return CONFIG_NAMES.filter((name) => after[name] === UNKNOWN || before[name] !== after[name]);
    },

    configure(inputs) {
      const { plain } = unwrap(inputs);
      sources.provider = Object.fromEntries(CONFIG_NAMES.flatMap((name) => (plain[name] === undefined ? [] : [[name, plain[name]]])));
    },

    async check(urn, olds, news) {
      if (isDeclared(urn)) return declared.check(urn, olds, news);
      assertType(urn);
      const { plain, secretKeys } = unwrap(news);
      const candidate = stringsAsDeclared(withCredentials(plain, sources));
      const { inputs, failures } = await core.check(unwrap(olds).plain, candidate, ctx(urn));
      const { clientSecret: _fromChain, ...rest } = (failures.length > 0 ? candidate : inputs) as Props;
      // A client secret of the Token's own is one of its inputs; one from the chain is read again at each
      // call (inputsOf), so that the Token's state does not carry a copy of it.
      const ownSecret = plain.clientSecret !== undefined && plain.clientSecret !== null;
      const checked = ownSecret ? { ...rest, clientSecret: _fromChain } : rest;
      // Handed back wrapped: an unwrapped clientSecret would be stored in plain text among the inputs.
      return { inputs: wrap(checked, secretKeys), failures: rendered(withOrigins(failures, originsOf(plain, sources))) };
    },

    async diff(id, urn, olds, news) {
      if (isDeclared(urn)) return declared.diff(id, urn, olds, news);
      return core.diff(id, outputsOf(olds), inputsOf(news), ctx(urn));
    },

    async create(urn, inputs) {
      if (isDeclared(urn)) return declared.create(urn, inputs);
      assertType(urn);
      const { id, outs } = await core.create(inputsOf(inputs), ctx(urn));
      return { id, outs: wire(outs, unwrap(inputs).secretKeys) };
    },

    async update(id, urn, olds, news) {
      if (isDeclared(urn)) return declared.update(id, urn, olds, news);
      const { outs } = await core.update(id, outputsOf(olds), inputsOf(news), ctx(urn));
      return { outs: wire(outs, unwrap(news).secretKeys) };
    },

    async read(id, urn, props) {
      if (isDeclared(urn)) return declared.read(id, urn, props);
      const { plain, secretKeys } = unwrap(props);
      if (Object.keys(plain).length === 0) {
        throw new FlagshipTokenError(importRefusal(`${TOKEN_TYPE} ${nameOf(urn)}`));
      }
      const result = await core.read(id, plain as unknown as ProviderOutputs, ctx(urn));
      return { id: result.id, props: result.id === "" ? {} : wire(result.props, secretKeys) };
    },

    async delete(id, urn, props) {
      if (isDeclared(urn)) return declared.delete(id, urn, props);
      await core.delete(id, outputsOf(props), ctx(urn));
    },

    async invoke(token, args) {
      if (!declared.servesFunction(token)) throw new Error(`unknown function ${token}`);
      return declared.invoke(token, args);
    },
  };
}
