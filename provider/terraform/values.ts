// Terraform's object wire format (OpenTofu docs/plugin-protocol/object-wire-format.md): a block's value is
// a MessagePack map of every attribute; null is nil; an unknown value is any MessagePack extension (code 0
// plain, code 12 with refinements, which may be ignored). Values are also accepted as JSON, which has no
// unknowns. A list is a MessagePack array; an object (a map, a nested object) a map. Answers are always
// MessagePack, with every attribute of the schema present.
import { Decoder, Encoder, ExtData } from "@msgpack/msgpack";
import type { TfBlock } from "./schema";

/** A value not known until apply. */
export const UNKNOWN_VALUE: unique symbol = Symbol("unknown");
export type TfValue = string | number | boolean | null | typeof UNKNOWN_VALUE | TfValue[] | { [key: string]: TfValue };
export type TfObject = Record<string, TfValue>;

/** The protocol's DynamicValue message (bytes fields arrive as Buffers). */
export interface DynamicValue {
  msgpack?: Uint8Array;
  json?: Uint8Array;
}

// One decoder and one encoder for the process, with the library's default options (what its `decode` and
// `encode` functions make anew for every call; `encode` still returns a copy of the encoder's buffer).
const decoder = new Decoder();
const encoder = new Encoder();

/** Decodes a DynamicValue; null when it is empty or a null object. */
export function decodeValue(value: DynamicValue | null | undefined): TfObject | null {
  if (value?.msgpack && value.msgpack.length > 0) return fromWire(decoder.decode(value.msgpack)) as TfObject | null;
  if (value?.json && value.json.length > 0) return JSON.parse(Buffer.from(value.json).toString("utf8")) as TfObject | null;
  return null;
}

function fromWire(value: unknown): TfValue {
  if (value instanceof ExtData) return UNKNOWN_VALUE;
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(fromWire);
  if (typeof value === "object" && !Array.isArray(value) && !(value instanceof Uint8Array)) {
    const out: Record<string, TfValue> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = fromWire(inner);
    return out;
  }
  throw new Error(`unexpected value of type ${typeof value} in the configuration`);
}

const UNKNOWN_EXT = new ExtData(0, new Uint8Array(1));

/** Encodes an object of `block`'s attributes (missing ones as null) as a MessagePack DynamicValue. */
export function encodeValue(block: TfBlock, object: TfObject | null): DynamicValue {
  if (object === null) return { msgpack: encoder.encode(null) };
  const out: Record<string, unknown> = {};
  for (const attribute of block.attributes) out[attribute.name] = toWire(object[attribute.name] ?? null);
  return { msgpack: encoder.encode(out) };
}

function toWire(value: TfValue): unknown {
  if (value === UNKNOWN_VALUE) return UNKNOWN_EXT;
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = toWire(inner);
    return out;
  }
  return value;
}

/** True when the value or anything in it is unknown. */
export function hasUnknown(value: TfValue): boolean {
  if (value === UNKNOWN_VALUE) return true;
  return value !== null && typeof value === "object" && Object.values(value).some(hasUnknown);
}
