export { Token, type TokenArgs } from "./dynamic/token";
export { DEFAULTS } from "./core/defaults";
export {
  FlagshipTokenError,
  FlagshipHttpError,
  FlagshipNetworkError,
  FlagshipResponseError,
} from "./core/errors";
