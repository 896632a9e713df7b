#!/usr/bin/env bash
# Writes the Python and Go SDKs from the plugin's schema: `npm run gen:sdk` (after `npm run build`).
#
#   bash scripts/gen-sdk.sh [out dir]     # default: sdk/ (sdk/python, sdk/go); needs pulumi and go on PATH
#
# The schema comes from the built plugin, as a user would get it (`pulumi package get-schema`); the
# generator is tools/gen-sdk (pkg/v3 codegen at the CLI's version). test/tooling/sdk-generated.test.ts
# runs this into a temp directory and fails when the result differs from the committed sdk/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(realpath -m "${1:-$root/sdk}")
schema=$(mktemp)
trap 'rm -f "$schema"' EXIT
(cd "$root" && pulumi package get-schema ./bin/pulumi-resource-flagship) > "$schema"
(cd "$root/tools/gen-sdk" && go run . --schema "$schema" --out "$out")
