#!/usr/bin/env bash
# Writes the Python, Go and Node.js SDKs from the plugin's schema, and the schema as sdk/schema.json:
# `npm run gen:sdk` (after `npm run build`).
#
#   bash scripts/gen-sdk.sh [out dir]     # default: sdk/ (sdk/python, sdk/go, sdk/nodejs); needs pulumi, go, node
#
# The schema comes from the built plugin, as a user would get it (`pulumi package get-schema`); the
# generator is tools/gen-sdk (pkg/v3 codegen at the CLI's version). test/tooling/sdk-generated.test.ts
# runs this into a temp directory and fails when the result differs from the committed sdk/. The
# repository URL (package.json's `repository`; the schema's pluginDownloadURL names the same one, which
# test/tooling/sdk-repository.test.ts checks) gives the Go module path:
# https://github.com/o/r -> github.com/o/r/sdk/go.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(realpath -m "${1:-$root/sdk}")
schema=$(mktemp)
trap 'rm -f "$schema"' EXIT
(cd "$root" && pulumi package get-schema ./bin/pulumi-resource-flagship) > "$schema"
repository=$(node -p 'const r = require(process.argv[1]).repository; (r.url ?? r).replace(/^git\+/, "").replace(/\.git$/, "")' "$root/package.json")
(cd "$root/tools/gen-sdk" && go run . --schema "$schema" --repository "$repository" --out "$out")
# The schema itself, committed beside the SDKs: a change of a declaration shows in review as a schema change.
cp "$schema" "$out/schema.json"
