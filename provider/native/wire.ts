// The native face's wire formats: secrets as the engine wraps them, values not known yet, and the
// plugin's stack config (PULUMI_CONFIG). Translation only: no decision about tokens is made here.
import { UNKNOWN } from "../core/schema";
import { SECRET_PROPERTIES, inputProperties } from "./schema";

/** The signature key and value of a secret value on the wire (`{ [SIG]: SECRET_SIG, value }`). */
export const SIG = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export type Props = Record<string, unknown>;

function isSecret(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Props)[SIG] === SECRET_SIG;
}

function unwrapValue(value: unknown): { value: unknown; secret: boolean } {
  if (isSecret(value)) return { value: unwrapValue(value.value).value, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(unwrapValue);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => [k, unwrapValue(v)] as const);
    return {
      value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])),
      secret: entries.some(([, v]) => v.secret),
    };
  }
  return { value, secret: false };
}

/** Plain values for the core, and the names of the top-level properties that held a secret anywhere. */
export function unwrap(props: Props | undefined): { plain: Props; secretKeys: string[] } {
  const plain: Props = {};
  const secretKeys: string[] = [];
  for (const [key, raw] of Object.entries(props ?? {})) {
    const { value, secret } = unwrapValue(raw);
    plain[key] = value;
    if (secret) secretKeys.push(key);
  }
  return { plain, secretKeys };
}

/** Wraps the Token's secret properties, and any other that arrived secret, as secrets for the engine. */
export function wrap(props: Props, secretKeys: readonly string[] = []): Props {
  return wrapKeys(props, [...SECRET_PROPERTIES, ...secretKeys]);
}

/** Wraps exactly the properties named in `secretKeys` as secrets; drops undefined values. */
export function wrapKeys(props: Props, secretKeys: readonly string[]): Props {
  const out: Props = {};
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    out[key] = secretKeys.includes(key) ? { [SIG]: SECRET_SIG, value } : value;
  }
  return out;
}


/** The `flagship:` stack config the engine hands the plugin (JSON, keys without the prefix). */
export function stackConfig(env: NodeJS.ProcessEnv = process.env): Props {
  try {
    const parsed: unknown = JSON.parse(env.PULUMI_CONFIG || "{}");
    return typeof parsed === "object" && parsed !== null ? (parsed as Props) : {};
  } catch {
    return {};
  }
}

let stringTyped: { strings: Set<string>; stringMaps: Set<string> } | undefined;

/**
 * Numbers sent for properties the schema declares as strings (or maps of strings) become strings again:
 * Pulumi YAML passes a numeric-looking config value (`${rotationTrigger}` set to "2") as a number.
 */
export function stringsAsDeclared(inputs: Props): Props {
  stringTyped ??= (() => {
    const props = Object.entries(inputProperties());
    return {
      strings: new Set(props.filter(([, p]) => p.type === "string").map(([name]) => name)),
      stringMaps: new Set(props.filter(([, p]) => p.additionalProperties?.type === "string").map(([name]) => name)),
    };
  })();
  const text = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? String(value) : value);
  const out: Props = { ...inputs };
  for (const [key, value] of Object.entries(inputs)) {
    if (stringTyped.strings.has(key)) out[key] = text(value);
    else if (stringTyped.stringMaps.has(key) && typeof value === "object" && value !== null && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, text(v)]));
    }
  }
  return out;
}

/** The resource's name, the last part of its URN (for the core's messages). */
export function nameOf(urn: string): string {
  return urn.split("::").at(-1) ?? urn;
}

export { UNKNOWN };
