// Every declaration the provider serves. The faces read this list and nothing else: a resource added here
// (one file beside these) is in every schema, SDK and doc page after regeneration.
import { ACCOUNT_ENVIRONMENTS } from "./account-environments";
import { type Declaration, type ListDeclaration, type ResourceDeclaration, listOf } from "./declaration";
import { FLAG } from "./flag";
import { PROJECT } from "./project";
import { TARGETING_KEY } from "./targeting-key";

export const RESOURCES: readonly ResourceDeclaration[] = [PROJECT, FLAG, TARGETING_KEY];
/** The read-only lists: one per resource, then the collections that are only read. */
export const LISTS: readonly ListDeclaration[] = [...RESOURCES.map(listOf), ACCOUNT_ENVIRONMENTS];
export const DECLARATIONS: readonly Declaration[] = [...RESOURCES, ...LISTS];

export function resourceNamed(name: string): ResourceDeclaration | undefined {
  return RESOURCES.find((decl) => decl.name === name);
}

export function listNamed(name: string): ListDeclaration | undefined {
  return LISTS.find((decl) => decl.name === name);
}

export * from "./declaration";
