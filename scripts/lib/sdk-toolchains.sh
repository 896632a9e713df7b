#!/usr/bin/env bash
# The toolchains of the Python and Go SDK tests (test/engine/sdk-*.test.ts), cached; called by
# scripts/setup.sh. Prints `export` lines on stdout, messages on stderr.
#
#   bash scripts/lib/sdk-toolchains.sh <cache dir>
#
#   1. Python: a virtual environment with `pulumi` from PyPI and the generated SDK (`pip install
#      ./sdk/python`), made once per Python and pulumi version; the SDK reinstalled when sdk/python changed.
#   2. Go: the modules of examples/go, examples/go-flags, test/drivers/go and tools/gen-sdk downloaded and compiled once
#      (into the Go caches), again when a go.mod or go.sum changed.
# A missing python3 or go is reported, not fatal: the tests then skip, or fail under CI=true.
set -euo pipefail
PFT_PYTHON_PULUMI_VERSION=3.272.0   # pulumi on PyPI closest to the CLI (3.274.1); PyPI has no 3.274

say() { printf 'setup: %s\n' "$*" >&2; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cache=${1:?usage: sdk-toolchains.sh <cache dir>}
tree_hash() { (cd "$root" && find "$@" -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16); }

# 1. Python
if [ ! -d "$root/sdk/python" ] || [ ! -d "$root/sdk/go" ]; then
  say "no sdk/python or sdk/go in this checkout: nothing to set up for the SDK tests"
  exit 0
fi
if py=$(command -v python3) && "$py" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then
  pyver=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  venv=$cache/python$pyver-pulumi$PFT_PYTHON_PULUMI_VERSION
  if [ ! -e "$venv/.pft-complete" ]; then
    say "python $pyver: making a virtual environment with pulumi $PFT_PYTHON_PULUMI_VERSION from PyPI (first time only)"
    start=$(date +%s)
    rm -rf "$venv"
    "$py" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pulumi==$PFT_PYTHON_PULUMI_VERSION" setuptools wheel >&2
    touch "$venv/.pft-complete"
    say "made $venv in $(( $(date +%s) - start ))s"
  fi
  sdk_hash=$(tree_hash sdk/python)
  if [ "$(cat "$venv/.pft-sdk-hash" 2>/dev/null)" != "$sdk_hash" ]; then
    say "pip install ./sdk/python (into $venv)"
    # From a copy: building in place would leave build/ and *.egg-info in the repository.
    copy=$(mktemp -d)
    cp -r "$root/sdk/python/." "$copy/"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-build-isolation "$copy" >&2
    rm -rf "$copy"
    echo "$sdk_hash" > "$venv/.pft-sdk-hash"
  else
    say "python SDK installed in $venv"
  fi
  printf 'export PFT_PYTHON="%s"\n' "$venv/bin/python"
else
  say "no python3 >= 3.9 with venv and ensurepip: the Python SDK tests cannot run (apt-get install python3-venv)"
fi

# 2. Go
if command -v go >/dev/null; then
  go_hash=$(tree_hash examples/go/go.mod examples/go/go.sum examples/go-flags/go.mod examples/go-flags/go.sum test/drivers/go/go.mod test/drivers/go/go.sum sdk/go/go.mod \
    tools/gen-sdk/go.mod tools/gen-sdk/go.sum)
  marker=$cache/go-modules-$go_hash
  if [ ! -e "$marker" ]; then
    say "go: downloading and compiling the modules of examples/go, examples/go-flags, test/drivers/go and tools/gen-sdk (first time only)"
    start=$(date +%s)
    (cd "$root/examples/go" && go mod download && go build ./...) >&2
    (cd "$root/examples/go-flags" && go mod download && go build ./...) >&2
    (cd "$root/test/drivers/go" && go mod download && go build -o /dev/null .) >&2
    (cd "$root/tools/gen-sdk" && go mod download && go build -o /dev/null .) >&2
    say "go modules compiled in $(( $(date +%s) - start ))s"
    touch "$marker"
  else
    say "go modules of examples/go, examples/go-flags, test/drivers/go and tools/gen-sdk already compiled"
  fi
else
  say "no go: the Go SDK tests cannot run"
fi
