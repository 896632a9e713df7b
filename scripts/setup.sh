#!/usr/bin/env bash
# Set up a machine to build, test and demo pulumi-flagship-token.
#
#   source scripts/setup.sh            # set up, and put node >= 22 and pulumi on this shell's PATH
#   bash scripts/setup.sh --print-env  # set up, print only the `export` lines (for scripts: eval "$(...)")
#
# What it does, each step skipped when already done (a second run takes seconds):
#   1. Node.js >= 22.19: the system `node` if new enough, else the npm package node-linux-<arch>
#      installed into the cache directory.
#   2. `npm ci` when package-lock.json changed since the last install.
#   3. The Pulumi CLI: a `pulumi` on PATH if new enough; else one built from the Go module proxy
#      (needs `go`); else Pulumi's official installer (needs internet).
#   4. The dynamic-provider plugin `pulumi-resource-pulumi-nodejs` (shipped in @pulumi/pulumi) on PATH.
#   5. A Node.js language host beside the pulumi it built, for plain `pulumi up` on a project directory:
#      Pulumi's `pulumi-language-nodejs` when there, else the stand-in of tools/language-host/.
#   6. `pulumi-language-yaml` beside `pulumi` (scripts/lib/yaml-host.sh), for Pulumi YAML projects.
#   7. A Python venv with pulumi and sdk/python, Go modules compiled (scripts/lib/sdk-toolchains.sh).
#   8. OpenTofu for the Terraform provider's tests: a `tofu` >= 1.11 on PATH, else v1.12.6 built from the
#      Go module proxy (scripts/lib/tofu.sh; about 10 minutes the first time), put on PATH.
#   9. HashiCorp Terraform v1.5.7 and tfplugindocs v0.25.0 built from the Go module proxy
#      (scripts/lib/terraform.sh), exported as PFT_TERRAFORM_1_5 and PFT_TFPLUGINDOCS, not put on PATH
#      (a `terraform` already there keeps its meaning).
# Everything is cached under ${XDG_CACHE_HOME:-~/.cache}/pulumi-flagship-token, keyed by version.

# ---- Versions: the one place they are pinned ----------------------------------------------------
PFT_NODE_VERSION=22.23.3        # npm package node-linux-<arch>, used when the system node is older
PFT_NODE_MIN=22.19.0            # undici 8 needs >= 22.19; @pulumi/pulumi needs >= 22
PFT_PULUMI_VERSION=3.274.1      # built from the Go module proxy when no pulumi is installed
PFT_PULUMI_MIN=3.200.0          # a pulumi already on PATH is used when at least this version

_pft_ver_ge() { # $1 >= $2, dotted versions
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

_pft_setup() (
  set -euo pipefail
  say() { printf 'setup: %s\n' "$*" >&2; }
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  cache=${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-flagship-token
  mkdir -p "$cache"
  path_add=()

  # 1. Node.js
  sys_node=$(node --version 2>/dev/null | sed 's/^v//' || true)
  if [ -n "$sys_node" ] && _pft_ver_ge "$sys_node" "$PFT_NODE_MIN"; then
    say "node $sys_node found on PATH: using it"
  else
    case "$(uname -m)" in
      x86_64) arch=x64 ;; aarch64|arm64) arch=arm64 ;;
      *) say "no Node.js >= $PFT_NODE_MIN and no npm build of node for $(uname -m): install Node 22 yourself"; exit 1 ;;
    esac
    node_dir=$cache/node-$PFT_NODE_VERSION
    node_bin=$node_dir/node_modules/node-linux-$arch/bin
    if [ ! -x "$node_bin/node" ]; then
      say "node ${sys_node:-none} is older than $PFT_NODE_MIN: installing node-linux-$arch@$PFT_NODE_VERSION from the npm registry"
      command -v npm >/dev/null || { say "npm is needed to fetch Node $PFT_NODE_VERSION"; exit 1; }
      npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$node_dir" "node-linux-$arch@$PFT_NODE_VERSION" >&2
    fi
    say "node $("$node_bin/node" --version) from $node_bin"
    path_add+=("$node_bin")
    export PATH="$node_bin:$PATH"
  fi

  # 2. npm ci, when the lock file changed since the last install
  cd "$root"
  lock_hash=$(sha256sum package-lock.json | cut -c1-16)
  if [ "$(cat node_modules/.pft-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
    say "npm ci"
    npm ci --no-audit --no-fund --loglevel=error >&2
    # npm ci removes the package's link to itself (scripts/link-self.js), which the build makes.
    say "npm run build"
    npm run -s build >&2
    echo "$lock_hash" > node_modules/.pft-lock-hash
  else
    say "node_modules matches package-lock.json: skipping npm ci"
  fi
  [ -f dist/index.js ] || { say "npm run build"; npm run -s build >&2; }

  # 3. The Pulumi CLI
  pulumi_dir=$cache/pulumi-v$PFT_PULUMI_VERSION
  have=$(pulumi version 2>/dev/null | sed 's/^v//' || true)
  if [ -n "$have" ] && _pft_ver_ge "${have%%-*}" "$PFT_PULUMI_MIN"; then
    say "pulumi $have found on PATH: using it"
    bash "$root/scripts/lib/language-host.sh" report "$(dirname "$(command -v pulumi)")"
  else
    if [ ! -x "$pulumi_dir/bin/pulumi" ]; then
      if command -v go >/dev/null; then
        say "building pulumi v$PFT_PULUMI_VERSION from the Go module proxy (first time only; 3 to 5 minutes on 2 cores)"
        start=$(date +%s)
        work=$(mktemp -d)
        (
          cd "$work"
          go mod init pft-pulumi-build >/dev/null 2>&1
          go get -tool "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$PFT_PULUMI_VERSION" >/dev/null 2>&1
          go get "github.com/pulumi/pulumi/sdk/v3@v$PFT_PULUMI_VERSION" >/dev/null 2>&1
          CGO_ENABLED=0 go build -trimpath \
            -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PFT_PULUMI_VERSION" \
            -o "$pulumi_dir/bin/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
        ) >&2
        mv "$pulumi_dir/bin/pulumi.tmp" "$pulumi_dir/bin/pulumi"
        say "built pulumi v$PFT_PULUMI_VERSION in $(( $(date +%s) - start ))s"
      else
        say "no go on PATH: using Pulumi's official installer (needs internet)"
        curl -fsSL https://get.pulumi.com | sh -s -- --version "$PFT_PULUMI_VERSION" --install-root "$pulumi_dir" --no-edit-path >&2
      fi
    else
      say "pulumi v$PFT_PULUMI_VERSION cached in $pulumi_dir/bin"
    fi
    path_add+=("$pulumi_dir/bin")
    export PATH="$pulumi_dir/bin:$PATH"

    # 5. The Node.js language host: Pulumi's if it is there, else our stand-in (tools/language-host/).
    bash "$root/scripts/lib/language-host.sh" install "$pulumi_dir/bin"
  fi

  # 4. The dynamic-provider plugin: a small script shipped inside @pulumi/pulumi. Next to a pulumi we
  #    built it is found without the engine's "using … from $PATH" warning; else on PATH if missing.
  plugin=node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs
  if [ -x "$pulumi_dir/bin/pulumi" ] && [ "$(command -v pulumi)" = "$pulumi_dir/bin/pulumi" ]; then
    install -m 0755 "$plugin" "$pulumi_dir/bin/"
  elif ! command -v pulumi-resource-pulumi-nodejs >/dev/null; then
    mkdir -p "$cache/plugins"
    install -m 0755 "$plugin" "$cache/plugins/"
    path_add+=("$cache/plugins")
    export PATH="$cache/plugins:$PATH"
  fi
  say "pulumi $(pulumi version) at $(command -v pulumi); plugin at $(command -v pulumi-resource-pulumi-nodejs)"
  bash "$root/scripts/lib/yaml-host.sh" "$(dirname "$(command -v pulumi)")" >&2 || say "no pulumi-language-yaml: Pulumi YAML projects will not run"
  bash "$root/scripts/lib/sdk-toolchains.sh" "$cache" || say "the Python and Go SDK toolchains could not be set up (see above)"
  if tofu_bin=$(bash "$root/scripts/lib/tofu.sh" "$cache"); then
    case ":$PATH:" in *":$tofu_bin:"*) ;; *) path_add+=("$tofu_bin"); export PATH="$tofu_bin:$PATH" ;; esac
  else
    say "no tofu: the Terraform provider's tests will not run"
  fi
  # 9. Terraform v1.5.7 and tfplugindocs: their export lines, for the caller's environment.
  hashicorp_env=$(bash "$root/scripts/lib/terraform.sh" "$cache") || say "scripts/lib/terraform.sh failed: Terraform 1.5.7 and the docs check will not run"

  # The environment for the caller, on stdout.
  joined=""
  for p in "${path_add[@]+"${path_add[@]}"}"; do joined="$p:$joined"; done
  [ -z "$joined" ] || printf 'export PATH="%s$PATH"\n' "$joined"
  printf 'export PULUMI_SKIP_UPDATE_CHECK=true\n'
  [ -z "${hashicorp_env:-}" ] || printf '%s\n' "$hashicorp_env"
)

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: run the set-up, then apply its exports to this shell.
  if _pft_env=$(_pft_setup); then
    eval "$_pft_env"
    printf 'setup: done; node %s and pulumi %s are on PATH in this shell\n' "$(node --version)" "$(pulumi version)" >&2
  else
    printf 'setup: FAILED (see the messages above)\n' >&2
    unset _pft_env
    return 1
  fi
  unset _pft_env
else
  case "${1:-}" in
    --print-env) _pft_setup ;;
    "") _pft_setup >/dev/null && printf 'setup: done. Run `source scripts/setup.sh` (or eval "$(bash scripts/setup.sh --print-env)") so this shell uses it.\n' >&2 ;;
    *) printf 'usage: source scripts/setup.sh | bash scripts/setup.sh --print-env\n' >&2; exit 2 ;;
  esac
fi
