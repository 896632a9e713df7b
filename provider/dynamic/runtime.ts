// The module `pulumi-flagship-token/provider-runtime`: what the provider in state (shell.ts) loads in the
// provider process. The program process loads it too (an installed Token hands this module itself to
// `dynamic.Resource`, shell.ts), and never calls it: so it loads nothing itself, and the implementation
// (implementation.ts: the core, zod, the client) is required by the first call, which makes the process's
// one core here, the face's entry point (`createDynamicProvider` with its default core).
type Implementation = import("./implementation").DynamicProvider;
let loaded: Implementation | undefined;
const implementation = () =>
  (loaded ??= (require("./implementation") as typeof import("./implementation")).createDynamicProvider());

export const check: Implementation["check"] = (olds, news) => implementation().check(olds, news);
export const diff: Implementation["diff"] = (id, olds, news) => implementation().diff(id, olds, news);
export const create: Implementation["create"] = (inputs) => implementation().create(inputs);
export const update: Implementation["update"] = (id, olds, news) => implementation().update(id, olds, news);
export const read: Implementation["read"] = (id, props) => implementation().read(id, props);
/**
 * Deleting forgets the token (the API cannot revoke one); the core says it stays valid until it expires.
 * Here only: the method-by-method shell in state (shell.ts) has none, for its size.
 */
const remove: Implementation["delete"] = (id, props) => implementation().delete(id, props);
export { remove as delete };
