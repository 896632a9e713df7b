// What the serialized shell (shell.ts) loads in the provider process, as
// `require("pulumi-flagship-token/provider-runtime")`: one provider per process, so one HTTP pool.
// The dynamic-provider protocol carries `changes`, `replaces` and `deleteBeforeReplace` only: the
// core's per-property detail stops here.
import { createTokenProvider, type ProviderInputs, type ProviderOutputs } from "./token-provider";

const provider = createTokenProvider();

export const check = (olds: unknown, news: unknown) => provider.check(olds as ProviderInputs, news as ProviderInputs);
export const diff = async (id: string, olds: ProviderOutputs, news: ProviderInputs) => {
  const { changes, replaces, deleteBeforeReplace } = await provider.diff(id, olds, news);
  return { changes, replaces, deleteBeforeReplace };
};
export const create = (inputs: ProviderInputs) => provider.create(inputs);
export const update = (id: string, olds: ProviderOutputs, news: ProviderInputs) => provider.update(id, olds, news);
export const read = (id: string, props?: ProviderOutputs) => provider.read(id, props);
export const remove = (id: string, props: ProviderOutputs) => provider.delete(id, props);
export { remove as delete };
