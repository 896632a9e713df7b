/**
 * The package's error hierarchy. Every message says what failed, what was expected and the cause,
 * and never contains a credential or a token: callers pass only redacted material in.
 */
export class FlagshipTokenError extends Error {
  override name = "FlagshipTokenError";
}

/** The server answered with a status other than the one expected. */
export class FlagshipHttpError extends FlagshipTokenError {
  override name = "FlagshipHttpError";
  constructor(
    message: string,
    readonly status: number,
    readonly oauthError: string | undefined,
    readonly attempts: number,
  ) {
    super(message);
  }
}

/** The request never got an answer: connection refused or reset, DNS failure, timeout. */
export class FlagshipNetworkError extends FlagshipTokenError {
  override name = "FlagshipNetworkError";
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** The server answered 200, but the body is not what the API specifies. */
export class FlagshipResponseError extends FlagshipTokenError {
  override name = "FlagshipResponseError";
}

/**
 * Why a Token cannot be imported, for every face: the API has no call that reads a token back, so there
 * is nothing to adopt. `what` names the resource as the face's users write it.
 */
export function importRefusal(what: string): string {
  return (
    `${what} cannot be imported: the API cannot read a token back. ` +
    "Declare the Token in the program and apply it to mint one."
  );
}

/**
 * Whether `error` says the auth server could not be asked (no answer, or a 5xx / 429 after the retries),
 * as opposed to an answer about the request: a face whose engine cannot plan past a failed read may keep
 * the state it has and warn instead (the Terraform face's refresh).
 */
export function isOutage(error: unknown): boolean {
  if (error instanceof FlagshipNetworkError) return true;
  return error instanceof FlagshipHttpError && (error.status >= 500 || error.status === 429);
}
