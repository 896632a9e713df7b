// The few ASN.1 DER encodings a self-signed X.509 certificate needs (tls.ts), written out by hand: lengths,
// tags, object identifiers. (node-forge did this before, about 290 KiB of code parsed at every start.)

/** A DER element: tag, definite length, contents. */
export function tlv(tag: number, contents: Buffer): Buffer {
  const n = contents.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, contents]);
}

export const sequence = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
export const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
/** A context-specific constructed tag, [n] EXPLICIT. */
export const explicit = (n: number, inner: Buffer) => tlv(0xa0 | n, inner);
export const boolean = (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0x00]));
export const octetString = (contents: Buffer) => tlv(0x04, contents);
/** A PrintableString (letters, digits, space and '()+,-./:=? only; not checked). */
export const printableString = (text: string) => tlv(0x13, Buffer.from(text, "ascii"));
/** A BIT STRING of whole bytes, or of `unusedBits` fewer. */
export const bitString = (contents: Buffer, unusedBits = 0) => tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), contents]));

/** A non-negative INTEGER from its big-endian bytes (a leading zero added when the top bit is set). */
export function unsignedInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return tlv(0x02, (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

export function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split(".").map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) groups.unshift((v & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime (years 1950-2049, RFC 5280 4.1.2.5.1), to the second. */
export function utcTime(date: Date): Buffer {
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 2049) throw new Error(`der: ${date.toISOString()} is outside UTCTime's years`);
  const two = (n: number) => String(n).padStart(2, "0");
  const text = `${two(year % 100)}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(text, "ascii"));
}
