// The stand-in language host's command line, config and options, against the official host's rules
// (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs/main.go).
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ProgramInfo, RunRequest } from "@pulumi/pulumi/proto/language_pb";
import { describe, expect, it } from "vitest";
import { configJson, OptionError, parseOptions, runArguments, runEnvironment, shellSplit } from "../../tools/language-host/command";

const info = (options: Record<string, unknown> = {}) =>
  new ProgramInfo()
    .setRootDirectory("/proj")
    .setProgramDirectory("/proj/app")
    .setEntryPoint(".")
    .setOptions(Struct.fromJavaScript(options as never));

function request(): RunRequest {
  const req = new RunRequest()
    .setMonitorAddress("127.0.0.1:1001")
    .setOrganization("org")
    .setProject("proj")
    .setStack("dev")
    .setDryrun(true)
    .setParallel(16)
    .setInfo(info())
    .setArgsList(["extra"])
    .setConfigsecretkeysList(["flagship:clientSecret"]);
  req.getConfigMap().set("flagship:accountId", "acc");
  req.getConfigMap().set("flagship:clientSecret", "s3cret");
  req.getConfigMap().set("proj:config:rotationTrigger", "2");
  return req;
}

describe("the language host's Run command line", () => {
  it("passes the flags in the official host's order, then the entry point and the program's arguments", () => {
    expect(runArguments(request(), "/m/run/index.js", "127.0.0.1:2002", "")).toEqual([
      "/m/run/index.js",
      "--monitor", "127.0.0.1:1001",
      "--engine", "127.0.0.1:2002",
      "--organization", "org",
      "--project", "proj",
      "--root-directory", "/proj",
      "--stack", "dev",
      "--pwd", "/proj/app",
      "--dry-run",
      "--parallel", "16",
      ".",
      "extra",
    ]);
  });

  it("puts config in PULUMI_CONFIG with <namespace>:config:<name> keys, and the secret keys beside it", () => {
    expect(JSON.parse(configJson(request()))).toEqual({
      "flagship:config:accountId": "acc",
      "flagship:config:clientSecret": "s3cret",
      "proj:config:rotationTrigger": "2",
    });
    const env = runEnvironment(request(), parseOptions(info({ tsconfig: "tsconfig.pulumi.json" })));
    expect(env.PULUMI_CONFIG_SECRET_KEYS).toBe('["flagship:clientSecret"]');
    expect(env.PULUMI_NODEJS_TYPESCRIPT).toBe("true");
    expect(env.PULUMI_NODEJS_TSCONFIG_PATH).toBe("tsconfig.pulumi.json");
  });

  it("leaves TypeScript off when the typescript option is false", () => {
    const env = runEnvironment(request(), parseOptions(info({ typescript: false })));
    expect(env.PULUMI_NODEJS_TYPESCRIPT).toBeUndefined();
    expect(env.PULUMI_NODEJS_TSCONFIG_PATH).toBeUndefined();
  });

  it("splits nodeargs like a shell", () => {
    expect(parseOptions(info({ nodeargs: `--max-old-space-size=4096 --title "my app" 'a b' c\\ d` })).nodeargs).toEqual([
      "--max-old-space-size=4096",
      "--title",
      "my app",
      "a b",
      "c d",
    ]);
    expect(shellSplit("")).toEqual([]);
  });

  it("rejects options of the wrong type, naming the option", () => {
    expect(() => parseOptions(info({ typescript: "yes" }))).toThrow(new OptionError("typescript option must be a boolean"));
    expect(() => parseOptions(info({ nodeargs: 3 }))).toThrow("nodeargs option must be a string");
    expect(() => shellSplit('"open')).toThrow('nodeargs option: unclosed " quote');
  });
});
