// The Remote Control API client's contract (client/api.ts implements it): what the resource operations
// (resources/operations.ts) call. Paths are relative to `{apiUrl}/v1/accounts/{accountId}/`.
import type { Dispatcher } from "undici";
import type { Clock } from "../clock";
import type { OnRetry } from "./http";

/** How the provider reaches the API: the account, the server, and a token or the credentials to mint one. */
export interface ApiSettings {
  apiUrl: string;
  accountId: string;
  timeoutSeconds: number;
  /**
   * A token given by the configuration (`accessToken`), used as is (never re-minted: a 401 is an error that
   * says so), or the client credentials the client mints one with, once per process, again before it
   * expires and once on a 401.
   */
  auth: { accessToken: string } | { authUrl: string; clientId: string; clientSecret: string };
}

export interface ApiCall {
  /** What is being done, for messages: "Creating flagship_flag checkout failed" is the face's; here "Creating a flag". */
  what: string;
  onRetry?: OnRetry;
}

/** One page of a list, as the API answers it (`ItemCollection`). */
export interface ApiPage {
  items: unknown[];
  totalCount: number;
}

export interface ApiClient {
  /** GET `path`; undefined when the server answers 404 (the object is gone). */
  get(path: string, call: ApiCall): Promise<Record<string, unknown> | undefined>;
  /** GET `path?_page=N&_max_per_page=M` (N from 1). */
  page(path: string, page: number, perPage: number, call: ApiCall): Promise<ApiPage>;
  /** Every item of `path`, page after page (100 per page) until `total_count` or an empty page. */
  list(path: string, call: ApiCall): Promise<Record<string, unknown>[]>;
  /** POST `body` as JSON; the created object (with its `id`). */
  post(path: string, body: Record<string, unknown>, call: ApiCall): Promise<Record<string, unknown>>;
  /** PATCH `body` as JSON; the object as the server answers it, or undefined for an empty answer (204). */
  patch(path: string, body: Record<string, unknown>, call: ApiCall): Promise<Record<string, unknown> | undefined>;
  /** DELETE; a 404 counts as done (the object was already gone). */
  delete(path: string, call: ApiCall): Promise<void>;
  /** The number of HTTP requests sent so far (each attempt counts), for benchmarks and tests. */
  readonly requests: number;
  /** Tokens minted so far for the API (client/api-auth.ts), not counted in `requests`. */
  readonly mints?: number;
}

export interface ApiDeps {
  clock: Clock;
  dispatcher?: Dispatcher;
}

/** Implemented by client/api.ts: `createApiClient(settings, deps)`. */
export type CreateApiClient = (settings: ApiSettings, deps: ApiDeps) => ApiClient;
