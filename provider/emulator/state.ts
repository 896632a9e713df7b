import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { ApiStore } from "./api-store";

/** One API client (client credentials) of one account. */
export interface EmulatorClient {
  accountId: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
}

/** Requests received per route since start or the last reset. */
export interface EmulatorCounters {
  /** `POST /{account_id}/token` (and any other method on that path). */
  token: number;
  /** `GET /token` (and any other method on that path). */
  tokenInfo: number;
  /** Everything under `/_emulator/`. */
  admin: number;
  /** `/v1/accounts/{account_id}/projects[/{id}[/toggle]]`, any method. */
  projects: number;
  /** `/v1/accounts/{account_id}/flags[/{id}]`. */
  flags: number;
  /** `/v1/accounts/{account_id}/targeting_keys[/{id}]`. */
  targetingKeys: number;
  /** `/v1/accounts/{account_id}/account_environments[/{id}]`. */
  accountEnvironments: number;
  /** Any other path (answered 404). */
  other: number;
  /** TCP connections accepted. */
  connections: number;
}

/** The API's routes (one per collection), as counters, the request log and faults name them. */
export type ApiRouteName = "projects" | "flags" | "targetingKeys" | "accountEnvironments";
export type RouteName = "token" | "tokenInfo" | ApiRouteName | "admin" | "other";

/** One answered request. Never holds a query string, a body or a secret. */
export interface RequestLogEntry {
  method: string;
  route: RouteName;
  /** HTTP status sent; 0 when the socket was reset without an answer. */
  status: number;
  /** When the request arrived, on the emulator clock. */
  at: Date;
}

export const DEMO_CLIENT: Readonly<EmulatorClient> = Object.freeze({
  accountId: "demo-account",
  clientId: "demo-client",
  clientSecret: "demo-secret",
  scopes: ["campaign.create", "campaign.update", "campaign.toggle", "env:*", "project.*", "flag.*", "targeting_key.*", "account_environment.*"],
});

const plainString = z.string().min(1).max(512);
export const clientSchema = z.object({
  accountId: plainString.refine((s) => !s.includes("/"), "accountId must not contain '/'"),
  clientId: plainString,
  clientSecret: plainString,
  scopes: z.array(z.string().min(1).regex(/^\S+$/, "a scope must not contain spaces")),
});
export const clientsSchema = z.array(clientSchema);

export interface TokenRecord {
  accessToken: string;
  refreshToken: string;
  accountId: string;
  clientId: string;
  scope: string;
  issuedAtMs: number;
  /** Lifetime in seconds; 0 = never expires. */
  expiresIn: number;
  revoked: boolean;
}

export type TokenLookup =
  | { ok: true; token: TokenRecord; secondsLeft: number }
  | { ok: false; reason: "unknown" | "expired" | "revoked" };

const MAX_LOG = 10_000;

function digest(s: string): Buffer {
  return createHash("sha256").update(s, "utf8").digest();
}

function newOpaqueToken(): string {
  return randomBytes(32).toString("base64url");
}

function clientKey(accountId: string, clientId: string): string {
  return `${accountId}\u0000${clientId}`;
}

function copyClient(c: EmulatorClient): EmulatorClient {
  return { accountId: c.accountId, clientId: c.clientId, clientSecret: c.clientSecret, scopes: [...c.scopes] };
}

function zeroCounters(): EmulatorCounters {
  return { token: 0, tokenInfo: 0, projects: 0, flags: 0, targetingKeys: 0, accountEnvironments: 0, admin: 0, other: 0, connections: 0 };
}

/** All mutable state of one emulator: clients, tokens, the API's objects, clock, counters and the request log. */
export class EmulatorState {
  /** The Remote Control API's objects, per account. */
  readonly api = new ApiStore();
  private readonly initialClients: EmulatorClient[];
  private clients = new Map<string, EmulatorClient>();
  private tokens = new Map<string, TokenRecord>();
  private readonly issued: string[] = [];
  private offsetMs = 0;
  private counts: EmulatorCounters = zeroCounters();
  private log: RequestLogEntry[] = [];

  /** `frozenAt` (ms): the clock stands at that instant and moves only by advanceClock. */
  constructor(
    clients: readonly EmulatorClient[],
    private readonly frozenAtMs?: number,
  ) {
    this.initialClients = clientsSchema.parse(clients).map(copyClient);
    this.loadInitialClients();
  }

  private loadInitialClients(): void {
    this.clients = new Map(this.initialClients.map((c) => [clientKey(c.accountId, c.clientId), copyClient(c)]));
  }

  // ---- clock ----
  nowMs(): number {
    return (this.frozenAtMs ?? Date.now()) + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  advanceClock(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError("advanceClock: seconds must be a finite number >= 0");
    this.offsetMs += seconds * 1000;
  }

  // ---- clients ----
  addClient(client: EmulatorClient): void {
    const c = clientSchema.parse(client);
    this.clients.set(clientKey(c.accountId, c.clientId), copyClient(c));
  }

  /** Removes a client and revokes every token it minted. Returns false if it did not exist. */
  removeClient(accountId: string, clientId: string): boolean {
    const existed = this.clients.delete(clientKey(accountId, clientId));
    if (existed) {
      for (const t of this.tokens.values()) {
        if (t.accountId === accountId && t.clientId === clientId) t.revoked = true;
      }
    }
    return existed;
  }

  /** Replaces a client's secret (tokens already minted stay valid). Returns the new secret. */
  rotateSecret(accountId: string, clientId: string, newSecret?: string): string {
    const c = this.clients.get(clientKey(accountId, clientId));
    if (!c) throw new Error(`rotateSecret: no client ${clientId} in account ${accountId}`);
    const secret = newSecret ?? `secret-${randomBytes(24).toString("base64url")}`;
    plainString.parse(secret);
    c.clientSecret = secret;
    return secret;
  }

  hasAccount(accountId: string): boolean {
    for (const c of this.clients.values()) if (c.accountId === accountId) return true;
    return false;
  }

  /** Checks credentials in constant time per comparison; undefined when they do not match a client. */
  authenticate(accountId: string, clientId: string, clientSecret: string): EmulatorClient | undefined {
    const c = this.clients.get(clientKey(accountId, clientId));
    if (!c) return undefined;
    return timingSafeEqual(digest(c.clientSecret), digest(clientSecret)) ? c : undefined;
  }

  // ---- tokens ----
  mint(client: EmulatorClient, scope: string, expiresIn: number): TokenRecord {
    const rec: TokenRecord = {
      accessToken: newOpaqueToken(),
      refreshToken: newOpaqueToken(),
      accountId: client.accountId,
      clientId: client.clientId,
      scope,
      issuedAtMs: this.nowMs(),
      expiresIn,
      revoked: false,
    };
    this.tokens.set(rec.accessToken, rec);
    this.issued.push(rec.accessToken, rec.refreshToken);
    return rec;
  }

  lookup(accessToken: string): TokenLookup {
    const t = this.tokens.get(accessToken);
    if (!t) return { ok: false, reason: "unknown" };
    if (t.revoked) return { ok: false, reason: "revoked" };
    if (t.expiresIn === 0) return { ok: true, token: t, secondsLeft: 0 };
    const leftMs = t.issuedAtMs + t.expiresIn * 1000 - this.nowMs();
    if (leftMs <= 0) return { ok: false, reason: "expired" };
    return { ok: true, token: t, secondsLeft: Math.ceil(leftMs / 1000) };
  }

  /** Revokes an access token. Returns false if it is unknown (or was already revoked). */
  revokeToken(accessToken: string): boolean {
    const t = this.tokens.get(accessToken);
    if (!t || t.revoked) return false;
    t.revoked = true;
    return true;
  }

  /** Every access and refresh token issued since start (kept across reset() so leak scans still see them). */
  issuedTokens(): string[] {
    return [...this.issued];
  }

  // ---- counters and log ----
  count(route: RouteName): void {
    this.counts[route] += 1;
  }

  countConnection(): void {
    this.counts.connections += 1;
  }

  counters(): EmulatorCounters {
    return { ...this.counts };
  }

  record(entry: RequestLogEntry): void {
    this.log.push(entry);
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
  }

  requests(): RequestLogEntry[] {
    return this.log.map((e) => ({ ...e, at: new Date(e.at) }));
  }

  /** Zeroes the counters and empties the request log. */
  resetCounters(): void {
    this.counts = zeroCounters();
    this.log = [];
  }

  /** Start configuration again: clients, no valid tokens, no API objects, zero counters, empty log, no clock offset. */
  reset(): void {
    this.loadInitialClients();
    this.tokens.clear();
    this.api.clear();
    this.offsetMs = 0;
    this.resetCounters();
  }
}
