// Invariants are correctness facts (request counts, identities): one that is violated fails the run.
// Targets are about time and size: they are reported as met or missed, never judged.
import { log } from "./log";

export interface Invariant {
  name: string;
  ok: boolean;
  detail: string;
}

export interface Target {
  name: string;
  target: string;
  value: string;
  met: boolean;
}

/** Every invariant checked so far, in first-checked order. */
export const invariants: Invariant[] = [];
/** Every target reported so far, in table order. */
export const targets: Target[] = [];

/** Records a fact; one name checked many times holds only if it held every time. */
export function fact(name: string, ok: boolean, detail: string): void {
  const existing = invariants.find((i) => i.name === name);
  if (existing) {
    if (!ok && existing.ok) Object.assign(existing, { ok, detail });
    return;
  }
  invariants.push({ name, ok, detail });
  if (!ok) log(`INVARIANT VIOLATED: ${name}: ${detail}`);
}

/** Records a target and returns the table's "Met" cell. */
export function target(name: string, targetText: string, value: string, met: boolean): "met" | "missed" {
  targets.push({ name, target: targetText, value, met });
  return met ? "met" : "missed";
}

export const violated = (): Invariant[] => invariants.filter((i) => !i.ok);
