#!/usr/bin/env bash
# The stand-in Node.js language host (tools/language-host/), for a Pulumi CLI that has none.
#
#   bash scripts/lib/language-host.sh install <pulumi bin dir>   # scripts/setup.sh: beside the built pulumi
#   bash scripts/lib/language-host.sh build <dir>                # the tests: a fresh copy in <dir>
#   bash scripts/lib/language-host.sh status <pulumi bin dir>    # prints: official | ours <hash> | stale | none
#   bash scripts/lib/language-host.sh report <pulumi bin dir>    # says which host a pulumi not built here uses
#
# It bundles the host with esbuild into one file, pulumi-language-nodejs.js, and writes a launcher,
# pulumi-language-nodejs, that runs it with the node running this script (so neither depends on the
# clone staying where it is). `install` never touches a pulumi-language-nodejs that is not ours (a full
# Pulumi install has its own); ours carries the marker line below and the hash of the host's sources,
# so a changed source is rebuilt on the next set-up. Messages go to stderr.
set -euo pipefail

MARKER="# pulumi-flagship-token stand-in language host"
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
say() { printf 'setup: %s\n' "$*" >&2; }

source_hash() {
  (cd "$root" && cat tools/language-host/*.ts scripts/lib/language-host.sh package-lock.json) | sha256sum | cut -c1-16
}

# status <dir>: what is installed as <dir>/pulumi-language-nodejs.
status() {
  local target=$1/pulumi-language-nodejs
  if [ ! -e "$target" ]; then echo none
  elif ! head -c 4096 "$target" | grep -aqF "$MARKER"; then echo official
  elif head -c 4096 "$target" | grep -aqF "source $(source_hash)" && [ -f "$1/pulumi-language-nodejs.js" ]; then
    echo "ours $(source_hash)"
  else echo stale
  fi
}

# build <dir>: bundle and launcher into <dir>, for the version of <dir>/pulumi, else of the pulumi on PATH.
build() {
  local out=$1 node version tmp pulumi=pulumi
  node=$(command -v node)
  [ -x "$out/pulumi" ] && pulumi=$out/pulumi
  version=$("$pulumi" version 2>/dev/null | sed 's/^v//' || true)
  mkdir -p "$out"
  tmp=$(mktemp "$out/.pulumi-language-nodejs.XXXXXX")
  "$root/node_modules/.bin/esbuild" "$root/tools/language-host/main.ts" --bundle --platform=node --target=node18 \
    --format=cjs --log-level=warning --legal-comments=none \
    --define:PFT_PULUMI_VERSION="\"${version:-0.0.0-dev}\"" --outfile="$tmp.js"
  mv "$tmp.js" "$out/pulumi-language-nodejs.js"
  cat > "$tmp" <<EOF
#!/bin/sh
$MARKER, source $(source_hash), for pulumi ${version:-unknown}
# Built by scripts/lib/language-host.sh from tools/language-host/ of pulumi-flagship-token. The program
# itself runs with the first node on PATH (as with Pulumi's host); this node only runs the host.
node="$node"
[ -x "\$node" ] || node=node
exec "\$node" "\${0%/*}/pulumi-language-nodejs.js" "\$@"
EOF
  chmod 0755 "$tmp"
  mv "$tmp" "$out/pulumi-language-nodejs"
  rm -f "$tmp"
}

install() {
  local bin=$1 state
  state=$(status "$bin")
  case "$state" in
    official) say "Node.js language host: Pulumi's pulumi-language-nodejs at $bin (plain \`pulumi up\` works)" ;;
    ours*) say "Node.js language host: the stand-in from tools/language-host/ at $bin, up to date (plain \`pulumi up\` works)" ;;
    *)
      build "$bin"
      say "Node.js language host: $([ "$state" = stale ] && echo rebuilt || echo installed) the stand-in from tools/language-host/ at $bin (plain \`pulumi up\` works)"
      ;;
  esac
}

# report <dir>: for a pulumi the set-up did not build (its directory is not ours to write to).
report() {
  case "$(status "$1")" in
    official) say "Node.js language host: Pulumi's, beside $1/pulumi" ;;
    none) say "Node.js language host: none beside $1/pulumi; plain \`pulumi up\` needs one (a full Pulumi install has it)" ;;
    *) say "Node.js language host: the stand-in of tools/language-host/ at $1 (run \`bash $0 install $1\` to update it)" ;;
  esac
}

case "${1:-}" in
  install | build | status | report) [ -n "${2:-}" ] || { echo "usage: $0 install|build|status|report <dir>" >&2; exit 2; }; "$@" ;;
  *) echo "usage: $0 install|build|status|report <dir>" >&2; exit 2 ;;
esac
