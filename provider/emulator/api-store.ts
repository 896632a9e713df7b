// The Remote Control API's objects, per account: projects, flags and targeting keys (created, edited and
// deleted through the API), and the account environments (seeded, read-only). In memory only.
import { randomBytes } from "node:crypto";

/** The collections under `/v1/accounts/{account_id}/`, by their path segment. */
export type Collection = "projects" | "flags" | "targeting_keys" | "account_environments";
export const COLLECTIONS: readonly Collection[] = ["projects", "flags", "targeting_keys", "account_environments"];

export type ApiObject = { id: string } & Record<string, unknown>;

/**
 * An id as the real API's look (they are xids: 20 characters of base32hex, `c1ndrd07m0300ro0jf20`): 12 random
 * bytes here, so nothing can be read from them.
 */
export function newId(): string {
  const alphabet = "0123456789abcdefghijklmnopqrstuv";
  const bytes = randomBytes(13);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 20) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

function seedEnvironments(): ApiObject[] {
  return [
    { id: newId(), environment: "production", is_main: true, panic: false, single_assignment: false },
    { id: newId(), environment: "staging", is_main: false, panic: false, single_assignment: false },
  ];
}

/** Every account's objects, in creation order. */
export class ApiStore {
  private accounts = new Map<string, Map<Collection, Map<string, ApiObject>>>();

  private collection(accountId: string, name: Collection): Map<string, ApiObject> {
    let account = this.accounts.get(accountId);
    if (!account) {
      account = new Map(COLLECTIONS.map((c) => [c, new Map<string, ApiObject>()]));
      for (const env of seedEnvironments()) account.get("account_environments")?.set(env.id, env);
      this.accounts.set(accountId, account);
    }
    return account.get(name) as Map<string, ApiObject>;
  }

  list(accountId: string, name: Collection): ApiObject[] {
    return [...this.collection(accountId, name).values()].map((o) => structuredClone(o));
  }

  get(accountId: string, name: Collection, id: string): ApiObject | undefined {
    const found = this.collection(accountId, name).get(id);
    return found && structuredClone(found);
  }

  create(accountId: string, name: Collection, fields: Record<string, unknown>): ApiObject {
    const object: ApiObject = { id: newId(), ...structuredClone(fields) };
    this.collection(accountId, name).set(object.id, object);
    return structuredClone(object);
  }

  /** Sets the fields given; undefined when there is no such object. */
  update(accountId: string, name: Collection, id: string, fields: Record<string, unknown>): ApiObject | undefined {
    const found = this.collection(accountId, name).get(id);
    if (!found) return undefined;
    Object.assign(found, structuredClone(fields), { id });
    return structuredClone(found);
  }

  delete(accountId: string, name: Collection, id: string): boolean {
    return this.collection(accountId, name).delete(id);
  }

  /** Forgets every object; the environments are seeded again (with new ids) on the next use. */
  clear(): void {
    this.accounts.clear();
  }
}
