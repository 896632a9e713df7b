/**
 * Every default of the package, in one place. Units are in the names.
 */
export const DEFAULTS = {
  /** The production Flagship auth server. Staging is https://staging-auth.flagship.io. */
  authUrl: "https://auth.flagship.io",
  /** Space-separated scopes, or "*" for every scope of the API client. */
  scope: "*",
  /** Token lifetime asked of the server, in seconds; 0 means the token never expires. */
  expiresInSeconds: 0,
  /**
   * Lifetime asked for an ephemeral token (Terraform's ephemeral resource), in seconds: each plan and apply
   * opens one, so it must expire on its own soon; `0` must be asked for explicitly.
   */
  ephemeralExpiresInSeconds: 3600,
  /** A refresh checks a token that should still be valid with the token-info endpoint. */
  verifyOnRefresh: true,
  /**
   * A refresh keeps the recorded `expiresAt` unless the server's seconds left put it further away
   * than this, in seconds (the server counts whole seconds and the request takes time).
   */
  expiresAtToleranceSeconds: 5,
  /** Timeout of one HTTP request (headers and body each), in seconds. */
  timeoutSeconds: 10,
  /** Attempts per HTTP call, the first included. */
  maxAttempts: 4,
  /** First backoff between attempts, in ms; doubles each retry, with jitter. */
  minBackoffMs: 500,
  /** Longest wait between two attempts, in ms, `Retry-After` included. */
  maxBackoffMs: 10_000,
  /** Statuses retried (with backoff, honouring `Retry-After`). 4xx other than 429 never are. */
  retryStatuses: [429, 502, 503, 504] as number[],
  /** Network errors retried: resets, refusals, timeouts. */
  retryErrorCodes: [
    "ECONNRESET",
    "ECONNREFUSED",
    "EPIPE",
    "ENOTFOUND",
    "EAI_AGAIN",
    "ETIMEDOUT",
    "UND_ERR_SOCKET",
    "UND_ERR_CONNECT_TIMEOUT",
    "UND_ERR_HEADERS_TIMEOUT",
    "UND_ERR_BODY_TIMEOUT",
  ] as string[],
  /** Longest part of an unparseable error body quoted in an error message, in characters. */
  errorBodyChars: 200,
  /** Keep-alive connections per origin in the provider process. */
  connectionsPerOrigin: 4,
} as const;

/** Largest value of a 32-bit signed integer: the API's `expires_in` is int32. */
export const INT32_MAX = 2_147_483_647;
