#!/usr/bin/env bash
# qemu-user and an arm64 C library, so that test/engine/release-arm64.test.ts can run the linux-arm64 plugin
# executable on an amd64 host. Debian's packages through apt-get (root only); anything else: says what to do
# and exits 0 (the test then skips, loudly).
#
#   bash scripts/lib/qemu-arm64.sh
set -euo pipefail
say() { printf 'qemu-arm64: %s\n' "$*" >&2; }
sysroot=/usr/aarch64-linux-gnu
if [ "$(uname -m)" != "x86_64" ]; then say "not an amd64 host: nothing to do"; exit 0; fi
if command -v qemu-aarch64 >/dev/null && [ -e "$sysroot/lib/ld-linux-aarch64.so.1" ] && [ -e "$sysroot/lib/libstdc++.so.6" ]; then
  say "qemu-aarch64 and $sysroot present"
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  say "needs root and apt-get: run \`apt-get install qemu-user libstdc++6-arm64-cross\` yourself (the arm64 test skips without them)"
  exit 0
fi
start=$SECONDS
say "apt-get install qemu-user libstdc++6-arm64-cross"
if apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-user libstdc++6-arm64-cross >&2; then
  say "installed in $(( SECONDS - start ))s"
else
  say "apt-get failed: the arm64 test will skip"
fi
