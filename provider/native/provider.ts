// The native face: the core's TokenProvider as a `@pulumi/pulumi/provider` Provider for `flagship:index:Token`.
// It translates wire formats (secrets, unknowns, config sources, the URN's name) and decides nothing itself.
import type { CheckOutcome } from "../core/check";
import { FlagshipTokenError, importRefusal } from "../core/errors";
import { createTokenProvider, type DiffOutcome, type ProviderInputs, type ProviderOutputs, type TokenProvider } from "../core/token-provider";
import { TOKEN_TYPE, packageSchema } from "./schema";
import { type Props, nameOf, stackConfig, unwrap, withFallbacks, wrap } from "./wire";

export interface NativeProvider {
  version: string;
  getSchema(): Promise<string>;
  check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: CheckOutcome["failures"] }>;
  /** Returns the core's outcome; server.ts puts its per-property detail on the wire. */
  diff(id: string, urn: string, olds: Props, news: Props): Promise<DiffOutcome>;
  create(urn: string, inputs: Props): Promise<{ id: string; outs: Props }>;
  update(id: string, urn: string, olds: Props, news: Props): Promise<{ outs: Props }>;
  read(id: string, urn: string, props?: Props): Promise<{ id: string; props: Props }>;
  delete(id: string, urn: string, props: Props): Promise<void>;
}

export interface NativeDeps {
  version: string;
  /** Where the core's messages for the user go, attached to the resource's URN. */
  log: (message: string, urn: string) => void;
  env?: NodeJS.ProcessEnv;
  /** The core, given its log (tests inject a clock); by default the core with the system clock. */
  coreWith?: (log: (message: string) => void) => TokenProvider;
}

export function createNativeProvider(deps: NativeDeps): NativeProvider {
  const { version, env = process.env } = deps;
  const config = stackConfig(env);
  const coreWith = deps.coreWith ?? ((log) => createTokenProvider({ log }));
  // One core per call, so that its messages name the right resource (the HTTP pool is per process).
  const coreFor = (urn: string) => coreWith((message) => deps.log(message, urn));
  const assertType = (urn: string) => {
    const type = urn.split("::")[2];
    if (type !== TOKEN_TYPE) throw new Error(`unknown resource type ${type}: this plugin provides ${TOKEN_TYPE} only`);
  };
  /** The core's inputs: plain values, the resource's name from its URN. */
  const inputsOf = (urn: string, props: Props) =>
    ({ ...unwrap(props).plain, resourceName: nameOf(urn) }) as unknown as ProviderInputs;
  const outputsOf = (props: Props) => unwrap(props).plain as unknown as ProviderOutputs;
  const wire = (outs: ProviderOutputs, secretKeys: string[] = []) => {
    const { resourceName: _name, ...rest } = outs;
    return wrap(rest as Props, secretKeys);
  };

  return {
    version,
    async getSchema() {
      return JSON.stringify(packageSchema(version));
    },

    async check(urn, olds, news) {
      assertType(urn);
      const { plain, secretKeys } = unwrap(news);
      const candidate = withFallbacks(plain, config, env);
      const named = { ...candidate, resourceName: nameOf(urn) } as ProviderInputs;
      const { inputs, failures } = await coreFor(urn).check(outputsOf(olds) as never, named);
      // The name is the URN's, not an input of this resource type.
      const { resourceName: _name, ...checked } = (failures.length > 0 ? candidate : inputs) as Props;
      // Handed back wrapped: an unwrapped clientSecret would be stored in plain text among the inputs.
      return { inputs: wrap(checked, secretKeys), failures };
    },

    async diff(id, urn, olds, news) {
      return coreFor(urn).diff(id, outputsOf(olds), inputsOf(urn, news));
    },

    async create(urn, inputs) {
      assertType(urn);
      const { id, outs } = await coreFor(urn).create(inputsOf(urn, inputs));
      return { id, outs: wire(outs, unwrap(inputs).secretKeys) };
    },

    async update(id, urn, olds, news) {
      const { outs } = await coreFor(urn).update(id, outputsOf(olds), inputsOf(urn, news));
      return { outs: wire(outs, unwrap(news).secretKeys) };
    },

    async read(id, urn, props) {
      const { plain, secretKeys } = unwrap(props);
      if (Object.keys(plain).length === 0) {
        throw new FlagshipTokenError(importRefusal(`${TOKEN_TYPE} ${nameOf(urn)}`));
      }
      const result = await coreFor(urn).read(id, { ...plain, resourceName: nameOf(urn) } as ProviderOutputs);
      return { id: result.id, props: result.id === "" ? {} : wire(result.props, secretKeys) };
    },

    async delete(id, urn, props) {
      await coreFor(urn).delete(id, outputsOf(props));
    },
  };
}
