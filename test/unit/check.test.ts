import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkInputs } from "../../provider/core/check";
import { type Terms, failureText } from "../../provider/core/notices";
import type { RunningEmulator } from "../../provider/emulator";
import { createTokenProvider } from "../../provider/core/token-provider";
import { useEmulator } from "../helpers/emulator";
import { UNKNOWN } from "../../provider/core/schema";

const valid = { accountId: "acc-1", clientId: "client-1", clientSecret: "s3cr3t-value" };

describe("check applies defaults", () => {
  it("fills scope, expiresIn, authUrl, verifyOnRefresh and timeoutSeconds", () => {
    expect(checkInputs({ ...valid })).toEqual({
      inputs: {
        ...valid,
        scope: "*",
        expiresIn: 0,
        authUrl: "https://auth.flagship.io",
        verifyOnRefresh: true,
        timeoutSeconds: 10,
      },
      failures: [],
    });
  });

  it("keeps the values it is given and strips a trailing slash from authUrl", () => {
    const { inputs, failures } = checkInputs({
      ...valid,
      scope: "a.read b.write",
      expiresIn: 3600,
      rotateBeforeExpiry: 600,
      rotationPeriod: 86400,
      triggers: { release: "7" },
      authUrl: "https://staging-auth.flagship.io/",
      verifyOnRefresh: false,
      timeoutSeconds: 2.5,
    });
    expect(failures).toEqual([]);
    expect(inputs).toEqual({
      ...valid,
      scope: "a.read b.write",
      expiresIn: 3600,
      rotateBeforeExpiry: 600,
      rotationPeriod: 86400,
      triggers: { release: "7" },
      authUrl: "https://staging-auth.flagship.io",
      verifyOnRefresh: false,
      timeoutSeconds: 2.5,
    });
  });

  it("accepts http:// for loopback hosts", () => {
    for (const authUrl of ["http://127.0.0.1:8787", "http://localhost:1", "http://[::1]:9"]) {
      expect(checkInputs({ ...valid, authUrl }).failures).toEqual([]);
    }
  });

  it("lets inputs that are unknown during preview through, and validates the known ones", () => {
    const { inputs, failures } = checkInputs({ ...valid, clientSecret: UNKNOWN, expiresIn: UNKNOWN });
    expect(failures).toEqual([]);
    expect(inputs.clientSecret).toBe(UNKNOWN);
    expect(inputs.expiresIn).toBe(UNKNOWN);
    expect(checkInputs({ ...valid, clientSecret: UNKNOWN, accountId: "a/b" }).failures.map((f) => f.property)).toEqual([
      "accountId",
    ]);
  });
});

// The core returns codes and facts; these stand-in terms show which words come from a face.
const TERMS: Terms = {
  name: (p) => `<${p}>`,
  run: "RUN",
  aRun: "a RUN",
  refresh: "REFRESH",
  cycle: "CYCLE",
  unset: (p) => `UNSET(${p})`,
  origin: (o) => `ORIGIN(${JSON.stringify(o)})`,
  deleted: "DELETED",
};

// [description, inputs, property named, words the reason must contain, rendered with TERMS]
const BAD: Array<[string, Record<string, unknown>, string, string]> = [
  ["missing accountId", { clientId: "c", clientSecret: "s" }, "accountId", "not set: UNSET(accountId)"],
  ["missing clientId", { accountId: "a", clientSecret: "s" }, "clientId", "not set: UNSET(clientId)"],
  ["missing clientSecret", { accountId: "a", clientId: "c" }, "clientSecret", "not set: UNSET(clientSecret)"],
  ["empty accountId", { ...valid, accountId: "" }, "accountId", "non-empty"],
  ["whitespace accountId", { ...valid, accountId: "   " }, "accountId", "plain account id"],
  ["accountId with a space inside", { ...valid, accountId: "acc 1" }, "accountId", "plain account id"],
  ["accountId ../x", { ...valid, accountId: "../x" }, "accountId", "no '/', '..'"],
  ["accountId a/b", { ...valid, accountId: "a/b" }, "accountId", "plain account id"],
  ["accountId %2e%2e", { ...valid, accountId: "%2e%2e" }, "accountId", "plain account id"],
  ["accountId ..", { ...valid, accountId: ".." }, "accountId", "plain account id"],
  ["accountId with a Cyrillic look-alike", { ...valid, accountId: "аcc" }, "accountId", "plain account id"],
  ["accountId with a zero-width space", { ...valid, accountId: "acc\u200b1" }, "accountId", "plain account id"],
  ["accountId of 10 kB", { ...valid, accountId: "a".repeat(10_000) }, "accountId", "at most 128"],
  ["accountId as a number", { ...valid, accountId: 42 }, "accountId", "expected a string"],
  ["empty clientId", { ...valid, clientId: "" }, "clientId", "non-empty"],
  ["whitespace clientId", { ...valid, clientId: " \t" }, "clientId", "printable ASCII"],
  ["clientId with a newline", { ...valid, clientId: "c\n1" }, "clientId", "control characters"],
  ["clientId of 10 kB", { ...valid, clientId: "c".repeat(10_000) }, "clientId", "at most 512"],
  ["empty clientSecret", { ...valid, clientSecret: "" }, "clientSecret", "non-empty"],
  ["clientSecret with a NUL byte", { ...valid, clientSecret: "s\u0000" }, "clientSecret", "control characters"],
  ["negative expiresIn", { ...valid, expiresIn: -1 }, "expiresIn", "at least 0"],
  ["fractional expiresIn", { ...valid, expiresIn: 1.5 }, "expiresIn", "not a fraction"],
  ["expiresIn over int32", { ...valid, expiresIn: 2_147_483_648 }, "expiresIn", "int32"],
  ["expiresIn as a string", { ...valid, expiresIn: "3600" }, "expiresIn", "whole number of seconds"],
  ["expiresIn NaN", { ...valid, expiresIn: Number.NaN }, "expiresIn", "whole number of seconds"],
  ["rotateBeforeExpiry equal to expiresIn", { ...valid, expiresIn: 60, rotateBeforeExpiry: 60 }, "rotateBeforeExpiry", "less than <expiresIn> (60), or every CYCLE would rotate"],
  ["rotateBeforeExpiry above expiresIn", { ...valid, expiresIn: 60, rotateBeforeExpiry: 61 }, "rotateBeforeExpiry", "less than <expiresIn>"],
  ["rotateBeforeExpiry with a never-expiring token", { ...valid, rotateBeforeExpiry: 60 }, "rotateBeforeExpiry", "<expiresIn> > 0"],
  ["rotateBeforeExpiry zero", { ...valid, expiresIn: 60, rotateBeforeExpiry: 0 }, "rotateBeforeExpiry", "at least 1 second"],
  ["rotationPeriod negative", { ...valid, rotationPeriod: -5 }, "rotationPeriod", "at least 1 second"],
  ["rotationPeriod fractional", { ...valid, rotationPeriod: 0.5 }, "rotationPeriod", "not a fraction"],
  ["http:// to a non-loopback host", { ...valid, authUrl: "http://auth.flagship.io" }, "authUrl", "http:// is accepted for loopback hosts only"],
  ["file: URL", { ...valid, authUrl: "file:///etc/passwd" }, "authUrl", "expected an https:// URL"],
  ["javascript: URL", { ...valid, authUrl: "javascript:alert(1)" }, "authUrl", "expected an https:// URL"],
  ["relative authUrl", { ...valid, authUrl: "auth.flagship.io" }, "authUrl", "absolute URL"],
  ["authUrl with credentials", { ...valid, authUrl: "https://u:p@auth.flagship.io" }, "authUrl", "no user name or password"],
  ["authUrl with a query", { ...valid, authUrl: "https://auth.flagship.io/?x=1" }, "authUrl", "no query string"],
  ["scope with a control character", { ...valid, scope: "a.read\u0007" }, "scope", "control characters"],
  ["scope with a tab", { ...valid, scope: "a.read\tb.read" }, "scope", "separated by single spaces"],
  ["empty scope", { ...valid, scope: "" }, "scope", "separated by single spaces"],
  ["scope with double spaces", { ...valid, scope: "a  b" }, "scope", "separated by single spaces"],
  ["non-string trigger value", { ...valid, triggers: { release: 7 } }, "triggers", "every value to be a string"],
  ["triggers as a string", { ...valid, triggers: "release-7" }, "triggers", "map of strings"],
  ["verifyOnRefresh as a string", { ...valid, verifyOnRefresh: "yes" }, "verifyOnRefresh", "true or false"],
  ["timeoutSeconds zero", { ...valid, timeoutSeconds: 0 }, "timeoutSeconds", "at least 0.1"],
  ["timeoutSeconds over 300", { ...valid, timeoutSeconds: 301 }, "timeoutSeconds", "at most 300"],
];

describe("check refuses bad input with a failure that names the property", () => {
  it.each(BAD)("%s", (_name, inputs, property, words) => {
    const { failures } = checkInputs(inputs);
    expect(failures.map((f) => f.property)).toContain(property);
    const reason = failureText(failures.find((f) => f.property === property)!, TERMS);
    expect(reason.startsWith(`<${property}>: `)).toBe(true);
    expect(reason).toContain(words);
  });

  it("says a credential set nowhere is unset, as a code the face renders, whatever its validator says", () => {
    expect(checkInputs({ accountId: "a", clientId: "c" }).failures).toEqual([{ property: "clientSecret", code: "unset" }]);
  });

  it("gives the limit of a rotation window that is not below expiresIn as a fact, without words", () => {
    expect(checkInputs({ ...valid, expiresIn: 60, rotateBeforeExpiry: 60 }).failures).toEqual([
      { property: "rotateBeforeExpiry", code: "rotationWindowTooLong", limit: 60 },
    ]);
  });

  it("never quotes the value it refuses (a value may be a secret)", () => {
    const secretish = "SECRET-\u0001-VALUE";
    for (const key of ["clientSecret", "clientId", "accountId", "scope", "authUrl"]) {
      const { failures } = checkInputs({ ...valid, [key]: secretish });
      expect(failures.length).toBeGreaterThan(0);
      expect(JSON.stringify(failures)).not.toContain("SECRET");
    }
  });

  it("reports every bad property at once", () => {
    const { failures } = checkInputs({ accountId: "a/b", clientId: "", clientSecret: "s", expiresIn: -1 });
    expect(failures.map((f) => f.property).sort()).toEqual(["accountId", "clientId", "expiresIn"]);
  });
});

describe("check, property-based", () => {
  const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
  const printable = fc.stringMatching(/^[\x21-\x7e]{1,100}$/);

  it("accepts every well-formed input", () => {
    fc.assert(
      fc.property(
        id,
        printable,
        printable,
        fc.integer({ min: 2, max: 2_147_483_647 }),
        fc.option(fc.integer({ min: 1, max: 2_147_483_647 }), { nil: undefined }),
        (accountId, clientId, clientSecret, expiresIn, rotationPeriod) => {
          const rotateBeforeExpiry = Math.max(1, Math.floor(expiresIn / 2));
          const { failures } = checkInputs({ accountId, clientId, clientSecret, expiresIn, rotateBeforeExpiry, rotationPeriod });
          expect(failures).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses every account id that is not a plain id", () => {
    const bad = fc.oneof(
      fc.string().filter((s) => !/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(s)),
      fc.constantFrom("../", "a/../b", "%2F", "a b", "..", "a..b"),
    );
    fc.assert(
      fc.property(bad, (accountId) => {
        const { failures } = checkInputs({ ...valid, accountId });
        expect(failures.map((f) => f.property)).toContain("accountId");
      }),
      { numRuns: 300 },
    );
  });

  it("refuses every expiresIn that is not a whole number of seconds in int32", () => {
    const bad = fc.oneof(
      fc.integer({ max: -1 }),
      fc.integer({ min: 2_147_483_648, max: Number.MAX_SAFE_INTEGER }),
      fc.double().filter((d) => !Number.isInteger(d)),
      fc.string(),
      fc.boolean(),
    );
    fc.assert(
      fc.property(bad, (expiresIn) => {
        expect(checkInputs({ ...valid, expiresIn }).failures.map((f) => f.property)).toContain("expiresIn");
      }),
      { numRuns: 300 },
    );
  });
});

describe("bad input never reaches the network", () => {
  let emulator: RunningEmulator;
  useEmulator((e) => (emulator = e));
  const provider = createTokenProvider();
  const QUIET = { name: "t", notify: () => undefined };

  it("sends no request for random invalid inputs, doing what the engine does: create only after a clean check", async () => {
    const bad = fc.record(
      {
        accountId: fc.oneof(fc.constantFrom("../x", "a/b", "%2e%2e", " ", ""), fc.string({ maxLength: 4 }).map((s) => `${s}/`)),
        expiresIn: fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true }), fc.string()),
        scope: fc.constantFrom("a\u0000", "a\tb", "", "a  b"),
        authUrl: fc.constantFrom("http://example.com", "file:///x", "javascript:alert(1)", "ftp://h"),
      },
      { requiredKeys: [] },
    ).filter((r) => Object.keys(r).length > 0);
    await fc.assert(
      fc.asyncProperty(bad, async (invalid) => {
        const news = { ...valid, authUrl: emulator.url, ...invalid };
        const { inputs, failures } = await provider.check({}, news as never, QUIET);
        expect(failures?.length ?? 0).toBeGreaterThan(0);
        if ((failures?.length ?? 0) === 0) await provider.create(inputs as never, QUIET);
      }),
      { numRuns: 200 },
    );
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0, connections: 0 });
  });
});
