#!/usr/bin/env bash
# (Copied from the shared e2e harness.) Install code-server from the npm registry into DEST (default /tmp/e2e-harness/cs), on Node 20,
# with no network other than the npm registry. Needs setup-apt.sh first (ripgrep, libkrb5-dev).
# Measured here: ~70 s with a warm npm cache, ~87 s with a cold one (2 cores).
set -euo pipefail
DEST=${1:-/tmp/gunicorn-lint-e2e/cs}
# 4.100.3 is the newest code-server whose engines field accepts Node 20 (4.103+ want 22, 4.133+ want 24).
CS_VERSION=${CS_VERSION:-4.100.3}

# Pitfall 1: @vscode/ripgrep's postinstall downloads rg from api.github.com (unreachable). It first looks
# in $TMPDIR/vscode-ripgrep-cache-<pkgver>/<asset>, so put Debian's rg there under the expected name.
# code-server 4.100.3 pins @vscode/ripgrep 1.15.11 -> asset ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
RG_PKG=${RG_PKG:-1.15.11}; RG_ASSET=${RG_ASSET:-ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz}
RG_CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RG_PKG"
command -v rg >/dev/null || { echo "install Debian's ripgrep first (setup-apt.sh)"; exit 1; }
if [ ! -s "$RG_CACHE/$RG_ASSET" ]; then
  mkdir -p "$RG_CACHE"; stage=$(mktemp -d); cp "$(command -v rg)" "$stage/rg"
  tar czf "$RG_CACHE/$RG_ASSET" -C "$stage" rg; rm -rf "$stage"
fi

mkdir -p "$DEST"; cd "$DEST"
[ -f package.json ] || npm init -y >/dev/null
start=$(date +%s)
# Pitfall 2: as root, code-server's postinstall.sh exits unless npm_config_unsafe_perm=true
#            (npm 11 no longer knows the option, but the env var still reaches the script).
# Pitfall 3: node-pty's postinstall runs `npx node-gyp ...`; ~/.npmrc here has yes=false, so npx
#            refuses to fetch node-gyp unless npm_config_yes=true.
# Native modules (kerberos, node-pty, spdlog, @parcel/watcher, native-watchdog, deviceid, argon2)
# try prebuilt downloads from GitHub first, fail, and build from source with node-gyp (fine).
npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund "code-server@$CS_VERSION"
echo "code-server $CS_VERSION installed in $(( $(date +%s) - start )) s at $DEST/node_modules/.bin/code-server"
# (not `code-server --version`: without --config that writes ~/.config/code-server/config.yaml)
node -p "'code-server ' + require('$DEST/node_modules/code-server/package.json').version"
