#!/usr/bin/env bash
# HashiCorp's tools for the Terraform face's tests, each built once from the Go module proxy into the
# cache, keyed by version (GOBIN points into it):
#   - Terraform v1.5.7, the last release under the MPL, for the managed resource's tests on Terraform
#     (test/engine/terraform-hashicorp.test.ts). It is never put on PATH: a `terraform` installed there
#     (a newer one, say) stays what `terraform` means; the tests find this one as $PFT_TERRAFORM_1_5.
#   - tfplugindocs v0.25.0, which generates and validates docs/terraform/ from the provider's schema
#     (test/tooling/terraform-docs.test.ts), as $PFT_TFPLUGINDOCS.
# Called by scripts/setup.sh with the cache directory; prints the `export` lines on stdout, messages on
# stderr. Without go it prints nothing and says so (those tests then skip, or fail under CI=true).
#
#   bash scripts/lib/terraform.sh <cache dir>
set -euo pipefail
PFT_TERRAFORM_VERSION=1.5.7
PFT_TFPLUGINDOCS_VERSION=0.25.0

say() { printf 'setup: %s\n' "$*" >&2; }
cache=${1:?usage: terraform.sh <cache dir>}

# $1 name, $2 version, $3 module path of the command, $4 what it takes the first time
build() {
  local name=$1 version=$2 pkg=$3 took=$4
  local bin_dir=$cache/$name-v$version/bin
  if [ -x "$bin_dir/$name" ]; then
    say "$name v$version cached in $bin_dir"
    return 0
  fi
  command -v go >/dev/null || { say "$name: no go to build it from the Go module proxy"; return 1; }
  # One build at a time per version: several checkouts share the cache, and a second set-up started
  # during the first build waits for it rather than building the same into the same place.
  mkdir -p "$cache/$name-v$version"
  exec {lock}>"$cache/$name-v$version/.lock"
  flock "$lock"
  if [ -x "$bin_dir/$name" ]; then
    say "$name v$version built meanwhile by another set-up: cached in $bin_dir"
    exec {lock}>&-
    return 0
  fi
  say "building $name v$version from the Go module proxy (first time only; $took on 2 cores)"
  local start
  start=$(date +%s)
  rm -rf "$bin_dir.tmp" && mkdir -p "$bin_dir.tmp"
  # `go install pkg@version` builds outside any module, with the module's own go.mod; -trimpath and
  # -s -w as the other builds of the set-up. (set -e does not hold in a function called by `if`: hence ||.)
  CGO_ENABLED=0 GOBIN="$bin_dir.tmp" go install -trimpath -ldflags "-s -w" "$pkg@v$version" >&2 || { rm -rf "$bin_dir.tmp"; exec {lock}>&-; say "$name: go install failed"; return 1; }
  rm -rf "$bin_dir" && mv "$bin_dir.tmp" "$bin_dir" || return 1
  exec {lock}>&-
  say "built $name v$version in $(( $(date +%s) - start ))s"
}

if build terraform "$PFT_TERRAFORM_VERSION" github.com/hashicorp/terraform "about 3 minutes"; then
  printf 'export PFT_TERRAFORM_1_5=%q\n' "$cache/terraform-v$PFT_TERRAFORM_VERSION/bin/terraform"
else
  say "no Terraform $PFT_TERRAFORM_VERSION: its tests will skip (and fail under CI=true)"
fi
if build tfplugindocs "$PFT_TFPLUGINDOCS_VERSION" github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs "about a minute"; then
  printf 'export PFT_TFPLUGINDOCS=%q\n' "$cache/tfplugindocs-v$PFT_TFPLUGINDOCS_VERSION/bin/tfplugindocs"
else
  say "no tfplugindocs: the docs test will skip (and fail under CI=true)"
fi
