#!/usr/bin/env bash
# OpenTofu for the Terraform face's tests: a `tofu` >= 1.11 on PATH when there is one, else OpenTofu
# v1.12.6 built from the Go module proxy into the cache, once. Called by scripts/setup.sh with the cache
# directory; prints the bin directory that holds `tofu` on stdout, messages on stderr.
#
#   bash scripts/lib/tofu.sh <cache dir>
#
# OpenTofu's go.mod replaces github.com/hashicorp/hcl/v2 by OpenTofu's fork, so `go install …@v1.12.6`
# refuses it; a small module that requires it with the same `replace` builds cmd/tofu (about 10 minutes
# on 2 cores the first time).
set -euo pipefail
PFT_TOFU_VERSION=1.12.6
PFT_TOFU_MIN=1.11.0
PFT_TOFU_HCL_REPLACE="github.com/opentofu/hcl/v2@v2.20.2-0.20251021132045-587d123c2828"

say() { printf 'setup: %s\n' "$*" >&2; }
ver_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }
cache=${1:?usage: tofu.sh <cache dir>}

have=$(tofu version 2>/dev/null | sed -n '1s/^OpenTofu v//p' || true)
if [ -n "$have" ] && ver_ge "${have%%-*}" "$PFT_TOFU_MIN"; then
  say "tofu $have found on PATH: using it"
  dirname "$(command -v tofu)"
  exit 0
fi
bin_dir=$cache/tofu-v$PFT_TOFU_VERSION/bin
if [ -x "$bin_dir/tofu" ]; then
  say "tofu v$PFT_TOFU_VERSION cached in $bin_dir"
  echo "$bin_dir"
  exit 0
fi
command -v go >/dev/null || { say "tofu: no tofu >= $PFT_TOFU_MIN on PATH and no go to build it (the Terraform tests will not run)"; exit 1; }
say "building OpenTofu v$PFT_TOFU_VERSION from the Go module proxy (first time only; about 10 minutes on 2 cores)"
start=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$bin_dir"
(
  cd "$work"
  go mod init pft-tofu-build >/dev/null 2>&1
  go mod edit -replace "github.com/hashicorp/hcl/v2=$PFT_TOFU_HCL_REPLACE"
  go get "github.com/opentofu/opentofu/cmd/tofu@v$PFT_TOFU_VERSION"
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" \
    -o "$bin_dir/tofu.tmp" github.com/opentofu/opentofu/cmd/tofu
) >&2
mv "$bin_dir/tofu.tmp" "$bin_dir/tofu"
say "built tofu v$PFT_TOFU_VERSION in $(( $(date +%s) - start ))s"
echo "$bin_dir"
