#!/usr/bin/env bash
# Builds pulumi-language-yaml (the Pulumi YAML language host) from the Go module proxy into a bin directory,
# once per version. Called by scripts/setup.sh with the bin directory of the `pulumi` it uses: the engine
# finds language hosts beside itself (PULUMI_IGNORE_AMBIENT_PLUGINS hides PATH).
#
#   bash scripts/lib/yaml-host.sh <bin-dir>
set -euo pipefail
PFT_YAML_VERSION=1.25.0
bin_dir=$1
say() { printf 'setup: %s\n' "$*" >&2; }

stamp=$bin_dir/.pulumi-language-yaml-v$PFT_YAML_VERSION
if [ -x "$bin_dir/pulumi-language-yaml" ] && [ -e "$stamp" ]; then
  say "pulumi-language-yaml v$PFT_YAML_VERSION cached in $bin_dir"
  exit 0
fi
command -v go >/dev/null || { say "pulumi-language-yaml: no go on PATH to build it (Pulumi YAML projects will not run)"; exit 1; }
say "building pulumi-language-yaml v$PFT_YAML_VERSION from the Go module proxy (first time only)"
start=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$bin_dir"
(
  cd "$work"
  go mod init pft-yaml-build >/dev/null 2>&1
  go get "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$PFT_YAML_VERSION" >/dev/null 2>&1
  CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=v$PFT_YAML_VERSION" \
    -o "$bin_dir/pulumi-language-yaml.tmp" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
) >&2
mv "$bin_dir/pulumi-language-yaml.tmp" "$bin_dir/pulumi-language-yaml"
touch "$stamp"
say "built pulumi-language-yaml v$PFT_YAML_VERSION in $(( $(date +%s) - start ))s"
