// What the serialized shell (shell.ts) loads in the provider process, as
// `require("pulumi-flagship-token/provider-runtime")`: one provider per process, so one HTTP pool.
// The dynamic-provider protocol carries `changes`, `replaces` and `deleteBeforeReplace` only: the
// core's per-property detail stops here.
import { FlagshipTokenError } from "../core/errors";
import { createTokenProvider, type ProviderInputs, type ProviderOutputs } from "../core/token-provider";

const provider = createTokenProvider();

/**
 * The dynamic provider host (`@pulumi/pulumi/cmd/dynamic-provider`) prints `${error}: ${error.stack}` on
 * the provider's stderr when read, check, diff or delete throws, then sends the message to the engine;
 * for create and update it sends only the message. The package's own errors say everything in their
 * message, so for them that line becomes the message, once: `${error}` is its part up to the first
 * ": ", the stack the rest. No stack trace, no local path. Other errors keep their stack.
 */
function forHost(error: unknown): unknown {
  if (!(error instanceof FlagshipTokenError)) return error;
  const message = error.message;
  const cut = message.indexOf(": ");
  const head = cut < 0 ? message : message.slice(0, cut);
  Object.defineProperty(error, "stack", { value: cut < 0 ? "" : message.slice(cut + 2), configurable: true, writable: true });
  Object.defineProperty(error, "toString", { value: () => head, configurable: true, writable: true });
  return error;
}

function presented<A extends unknown[], R>(method: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await method(...args);
    } catch (error) {
      throw forHost(error);
    }
  };
}

export const check = presented((olds: unknown, news: unknown) => provider.check(olds as ProviderInputs, news as ProviderInputs));
export const diff = presented(async (id: string, olds: ProviderOutputs, news: ProviderInputs) => {
  const { changes, replaces, deleteBeforeReplace } = await provider.diff(id, olds, news);
  return { changes, replaces, deleteBeforeReplace };
});
export const create = (inputs: ProviderInputs) => provider.create(inputs);
export const update = (id: string, olds: ProviderOutputs, news: ProviderInputs) => provider.update(id, olds, news);
export const read = presented((id: string, props?: ProviderOutputs) => provider.read(id, props));
export const remove = presented((id: string, props: ProviderOutputs) => provider.delete(id, props));
export { remove as delete };
