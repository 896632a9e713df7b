// What the serialized shell (shell.ts) loads in the provider process, as
// `require("pulumi-flagship-token/provider-runtime")`: one provider per process, so one HTTP pool.
import { createTokenProvider, type ProviderInputs, type ProviderOutputs } from "./token-provider";

const provider = createTokenProvider();

export const check = (olds: unknown, news: unknown) => provider.check(olds as ProviderInputs, news as ProviderInputs);
export const diff = (id: string, olds: ProviderOutputs, news: ProviderInputs) => provider.diff(id, olds, news);
export const create = (inputs: ProviderInputs) => provider.create(inputs);
export const update = (id: string, olds: ProviderOutputs, news: ProviderInputs) => provider.update(id, olds, news);
export const read = (id: string, props?: ProviderOutputs) => provider.read(id, props);
export const remove = (id: string, props: ProviderOutputs) => provider.delete(id, props);
export { remove as delete };
