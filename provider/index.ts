export { Token, type TokenArgs } from "./token";
export { DEFAULTS } from "./defaults";
export {
  FlagshipTokenError,
  FlagshipHttpError,
  FlagshipNetworkError,
  FlagshipResponseError,
} from "./errors";
