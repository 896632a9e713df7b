// The dynamic face's provider methods over the core they are given (`createDynamicProvider({ core })`, as
// the other faces take theirs): runtime.ts, the entry point in the provider process, makes them on the
// first call with one core per process, so one HTTP pool and one memory of reads; a test gives a core
// with a fake clock. The dynamic-provider protocol carries `changes`, `replaces` and `deleteBeforeReplace`
// only: the core's per-property detail stops here.
import { FlagshipTokenError } from "../core/errors";
import { withOrigins } from "../core/check";
import { type Origin, failureText, noticeText } from "../core/notices";
import { type CallContext, createTokenProvider, type ProviderInputs, type ProviderOutputs, type TokenProvider } from "../core/token-provider";
import { TERMS, clock } from "./terms";

/**
 * The resource's name travels in the dynamic face's own property bag (`resourceName`, set by the Token
 * class, kept in outputs by this face): the dynamic-provider host hands a provider neither the URN nor
 * anything else per resource (`@pulumi/pulumi/cmd/dynamic-provider`), and `read` gets the outputs only.
 * The core never sees the key.
 */
const NAME = "resourceName";
/** Where each credential the Token class filled in came from (`originsOf`): for check's messages only. */
const ORIGINS = "resourceOrigins";
type Bag = object;

function nameIn(...bags: Array<Bag | undefined>): string | undefined {
  for (const bag of bags) {
    const name = (bag as Record<string, unknown> | undefined)?.[NAME];
    if (typeof name === "string") return name;
  }
  return undefined;
}

function contextOf(name: string | undefined, fallback = "token"): CallContext {
  return { name: name ?? fallback, notify: (notice) => console.error(noticeText(notice, TERMS)) };
}

function forCore<T>(bag: Bag | undefined): T {
  if (bag === undefined || !(NAME in bag || ORIGINS in bag)) return bag as T;
  const { [NAME]: _name, [ORIGINS]: _origins, ...rest } = bag as Record<string, unknown>;
  return rest as T;
}

function originsIn(bag: Bag): Partial<Record<string, Origin>> {
  const origins = (bag as Record<string, unknown>)[ORIGINS];
  return typeof origins === "object" && origins !== null ? (origins as Partial<Record<string, Origin>>) : {};
}

function named<T extends object>(bag: T, name: string | undefined): T {
  return name === undefined ? bag : { ...bag, [NAME]: name };
}

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

export interface DynamicDeps {
  /** The core; by default one with the Pulumi faces' clock (FLAGSHIP_TOKEN_NOW, PULUMI_FLAGSHIP_TOKEN_NOW). */
  core?: TokenProvider;
}

/** The dynamic provider's methods, as the dynamic-provider host calls them, over one core. */
export function createDynamicProvider(deps: DynamicDeps = {}) {
  const provider = deps.core ?? createTokenProvider({ clock });
  const check = presented(async (olds: Bag, news: Bag) => {
    const name = nameIn(news);
    const result = await provider.check(forCore(olds), forCore(news), contextOf(name));
    if (result.failures.length === 0) return { inputs: named(result.inputs, name), failures: [] };
    // Without the property: the engine would print its value beside the reason (a URL's user:password, or
    // `{<nil>}` for a value from the environment); every reason starts with the property's name.
    return { inputs: news, failures: withOrigins(result.failures, originsIn(news)).map((f) => ({ property: "", reason: failureText(f, TERMS) })) };
  });
  const diff = presented(async (id: string, olds: Bag, news: Bag) => {
    const ctx = contextOf(nameIn(news, olds));
    const { changes, replaces, deleteBeforeReplace } = await provider.diff(id, forCore(olds), forCore(news), ctx);
    return { changes, replaces, deleteBeforeReplace };
  });
  const create = async (inputs: Bag) => {
    const name = nameIn(inputs);
    const { id, outs } = await provider.create(forCore<ProviderInputs>(inputs), contextOf(name));
    return { id, outs: named(outs, name) };
  };
  const update = async (id: string, olds: Bag, news: Bag) => {
    const name = nameIn(news, olds);
    const { outs } = await provider.update(id, forCore<ProviderOutputs>(olds), forCore<ProviderInputs>(news), contextOf(name));
    return { outs: named(outs, name) };
  };
  const read = presented(async (id: string, props?: Bag) => {
    const name = nameIn(props);
    const result = await provider.read(id, forCore<ProviderOutputs | undefined>(props), contextOf(name, id));
    return result.id === "" ? result : { id: result.id, props: named(result.props, name) };
  });
  /** Sends nothing (the API cannot revoke one token): says that the token stays valid until it expires. */
  const remove = presented(async (id: string, props: Bag) => {
    await provider.delete(id, forCore<ProviderOutputs>(props), contextOf(nameIn(props), id));
  });
  return { check, diff, create, update, read, delete: remove };
}

export type DynamicProvider = ReturnType<typeof createDynamicProvider>;
