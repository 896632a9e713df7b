// The bearer token of the API client (client/api.ts): the configured access token as it is, or one minted
// with the client credentials on the first call, kept for the client's life (in memory, never stored),
// minted again when less than a minute of it is left, and once when the API answers 401.
import type { ApiDeps, ApiSettings } from "./api-types";
import { mintToken } from "./flagship-api";
import type { OnRetry } from "./http";

/** Lifetime asked of a minted token, in seconds. */
export const API_TOKEN_SECONDS = 3600;
/** A minted token with less than this left is minted again before a call, in ms. */
export const API_TOKEN_MARGIN_MS = 60_000;

export interface Bearer {
  /** The token for the next call: minted first when there is none yet or it is about to expire. */
  token(onRetry?: OnRetry): Promise<string>;
  /**
   * After the API refused `refused` (a 401): a freshly minted token, or undefined when none can be had
   * (a configured token is never replaced). Concurrent callers share one mint.
   */
  renew(refused: string, onRetry?: OnRetry): Promise<string | undefined>;
  /** Every token used so far and the client secret: what no message may show. */
  secrets(): string[];
  /** Whether the token is the configuration's own (`accessToken`). */
  readonly configured: boolean;
  /** Mint calls made (each may take several attempts). */
  readonly mints: number;
}

interface Held {
  token: string;
  /** Epoch ms; undefined when the server says the token never expires. */
  expiresAtMs: number | undefined;
}

export function createBearer(settings: ApiSettings, deps: ApiDeps): Bearer {
  const auth = settings.auth;
  if ("accessToken" in auth) {
    return {
      token: async () => auth.accessToken,
      renew: async () => undefined,
      secrets: () => [auth.accessToken],
      configured: true,
      mints: 0,
    };
  }
  const creds: Exclude<ApiSettings["auth"], { accessToken: string }> = auth;
  const used = new Set<string>();
  let held: Held | undefined;
  let pending: Promise<Held> | undefined;
  let mints = 0;

  const now = () => deps.clock.now().getTime();
  const fresh = (h: Held | undefined): h is Held => h !== undefined && (h.expiresAtMs === undefined || h.expiresAtMs - now() >= API_TOKEN_MARGIN_MS);

  function mint(onRetry?: OnRetry): Promise<Held> {
    pending ??= (async () => {
      mints += 1;
      const issuedAtMs = now();
      const minted = await mintToken(
        {
          authUrl: creds.authUrl,
          accountId: settings.accountId,
          clientId: creds.clientId,
          clientSecret: creds.clientSecret,
          scope: "*",
          expiresIn: API_TOKEN_SECONDS,
          timeoutSeconds: settings.timeoutSeconds,
        },
        deps.dispatcher,
        onRetry,
      );
      used.add(minted.accessToken);
      const seconds = minted.expiresIn ?? API_TOKEN_SECONDS;
      held = { token: minted.accessToken, expiresAtMs: seconds === 0 ? undefined : issuedAtMs + seconds * 1000 };
      return held;
    })().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  return {
    async token(onRetry) {
      if (fresh(held)) return held.token;
      return (await mint(onRetry)).token;
    },
    async renew(refused, onRetry) {
      // Another call may have renewed it meanwhile: use that one rather than mint a third.
      if (pending) return (await pending).token;
      if (held !== undefined && held.token !== refused && fresh(held)) return held.token;
      held = undefined;
      return (await mint(onRetry)).token;
    },
    secrets: () => [creds.clientSecret, ...used],
    configured: false,
    get mints() {
      return mints;
    },
  };
}
