// The plugin's own check of the Node.js version (provider/native/node-version.ts), run before any dependency loads.
import { expect, it } from "vitest";
import { nodeTooOld } from "../../provider/native/node-version";

it("a node older than 22.19 gets a message naming the version needed and the version found", () => {
  expect(nodeTooOld("v20.20.2")).toBe("pulumi-resource-flagship: needs Node.js >= 22.19 as `node` on PATH, found 20.20.2");
  expect(nodeTooOld("22.18.9")).toBe("pulumi-resource-flagship: needs Node.js >= 22.19 as `node` on PATH, found 22.18.9");
});

it("node 22.19 and later pass the check", () => {
  expect(nodeTooOld("22.19.0")).toBeUndefined();
  expect(nodeTooOld("v22.23.3")).toBeUndefined();
  expect(nodeTooOld("24.0.0")).toBeUndefined();
});
