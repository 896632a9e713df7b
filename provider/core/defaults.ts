/**
 * Every default of the package, in one place. Units are in the names.
 */
export const DEFAULTS = {
  /** The production Flagship auth server. Staging is https://staging-auth.flagship.io. */
  authUrl: "https://auth.flagship.io",
  /** The Remote Control API (projects, flags, targeting keys). Staging is https://staging-api.flagship.io. */
  apiUrl: "https://api.flagship.io",
  /** Lifetime of the token the provider mints for its own Remote Control API calls, in seconds. */
  apiTokenExpiresInSeconds: 3600,
  /** That token is minted again once it has less than this left, in seconds. */
  apiTokenRenewSeconds: 60,
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
  /** Bound of one HTTP attempt end to end (connecting, the headers, the whole body), in seconds. */
  timeoutSeconds: 10,
  /** Attempts per HTTP call, the first included. */
  maxAttempts: 4,
  /** First backoff between attempts, in ms; doubles each retry, with jitter. */
  minBackoffMs: 500,
  /** Longest wait between two attempts, in ms, `Retry-After` included. */
  maxBackoffMs: 10_000,
  /**
   * Statuses retried, for every method (with backoff, honouring `Retry-After` up to `maxBackoffMs`): the
   * server or a gateway says the request was not acted on. 500 and every other 4xx never are.
   */
  retryStatuses: [429, 502, 503, 504] as number[],
  /**
   * Network errors retried for a read (GET). A mint (POST) is retried only on those that happen before the
   * request is sent (client/retry.ts): a reset or a timeout after it may follow a token the server minted.
   */
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
    "ENETUNREACH",
    "EHOSTUNREACH",
    "TIMEOUT",
  ] as string[],
  /**
   * Largest answer read, in bytes; a larger one is refused while reading. A token answer is a JSON object of
   * a few kB, an error page rarely over 100 kB.
   */
  maxBodyBytes: 1024 * 1024,
  /** Longest access or refresh token accepted from the server, in characters (printable ASCII only). */
  maxTokenChars: 8192,
  /** Longest part of an unparseable error body quoted in an error message, in characters. */
  errorBodyChars: 200,
  /** Keep-alive connections per origin in the provider process. */
  connectionsPerOrigin: 4,
} as const;

/** Largest value of a 32-bit signed integer: the API's `expires_in` is int32. */
export const INT32_MAX = 2_147_483_647;
