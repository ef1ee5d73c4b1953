#!/usr/bin/env bash
# Real VS Code (code-server 4.100.3 = VS Code 1.100.3 web) against the packaged extension, adapted from the
# shared e2e harness. Not part of `npm test`. Needs: Debian chromium ripgrep libkrb5-dev pkg-config, and
# `npm run build` (dist/). Packages the .vsix with the project's vsce, installs it into code-server, then
# (1) drives the UI with playwright-core + chromium (squiggle, Problems panel, hover, screenshot) and
# (2) runs e2e-suite.js INSIDE code-server's extension host against the unpacked .vsix.
# (3) runs the deployment map check (map-check.mjs) on a copy of examples/.
# Usage: bash test/e2e/code-server/run-code-server-e2e.sh   (env: WORK, PORT, TRANSPORT=stdio|ipc, CS_DIR,
#        MAP_ONLY=1 for the map check alone, MAP_SHOT=path for its screenshot)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)             # test/e2e/code-server
E2E=$(cd "$HERE/.." && pwd)
ROOT=$(cd "$E2E/../.." && pwd)
WORK=${WORK:-/tmp/gunicorn-lint-e2e}
PORT=${PORT:-18090}
TRANSPORT=${TRANSPORT:-stdio}
CS_DIR=${CS_DIR:-$WORK/cs}
CS="$CS_DIR/node_modules/.bin/code-server"
t() { echo "[$(date +%T)] $*"; }
[ -f "$ROOT/dist/server.js" ] && [ -f "$ROOT/dist/extension.js" ] || { echo "run npm run build first"; exit 1; }
mkdir -p "$WORK"
rm -rf "$WORK/vsix" "$WORK/ws" "$WORK/ud" "$WORK/exts" "$WORK/map-ws"
cp -r "$E2E/workspace" "$WORK/ws"
cp -r "$ROOT/examples" "$WORK/map-ws"
mkdir -p "$WORK/tools"; cp "$HERE/"*.mjs "$WORK/tools/"; cp "$HERE/tools-package.json" "$WORK/tools/package.json"

[ -x "$CS" ] || bash "$HERE/install-code-server.sh" "$CS_DIR"
t "npm install (playwright-core, in $WORK/tools)"
(cd "$WORK/tools" && npm install --no-audit --no-fund --loglevel=error)

t "vsce package"
# Packaged from a staged copy of what the .vscodeignore whitelist can take, so nothing is written in the project.
# SERVER_JS (optional) replaces dist/server.js, e.g. to try a server built elsewhere.
rm -rf "$WORK/pkg"; mkdir -p "$WORK/pkg"
for f in package.json .vscodeignore README.md CHANGELOG.md LICENSE dist syntaxes snippets images media; do
  [ -e "$ROOT/$f" ] && cp -r "$ROOT/$f" "$WORK/pkg/"
done
[ -n "${SERVER_JS:-}" ] && cp "$SERVER_JS" "$WORK/pkg/dist/server.js"
(cd "$WORK/pkg" && "$ROOT/node_modules/.bin/vsce" package --no-dependencies --allow-missing-repository --skip-license -o "$WORK/ext.vsix")
# The in-host tests load the unpacked .vsix, so they test exactly what ships.
python3 -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" "$WORK/ext.vsix" "$WORK/vsix"
cp "$HERE/e2e-suite.js" "$WORK/vsix/extension/e2e-suite.js"

t "install extension"
# --config: without it code-server writes ~/.config/code-server/config.yaml (with a password)
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$WORK/cs.yaml"
"$CS" --config "$WORK/cs.yaml" --user-data-dir "$WORK/ud" --extensions-dir "$WORK/exts" --install-extension "$WORK/ext.vsix"
mkdir -p "$WORK/ud/User"
cat > "$WORK/ud/User/settings.json" <<JSON
{ "gunicornLint.server.transport": "$TRANSPORT", "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false, "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off" }
JSON

t "start code-server"
# setsid: its own process group, so cleanup also ends extension hosts, file watchers and our server.
setsid "$CS" --config "$WORK/cs.yaml" --bind-addr "127.0.0.1:$PORT" --auth none \
  --user-data-dir "$WORK/ud" --extensions-dir "$WORK/exts" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  "$WORK/ws" > "$WORK/code-server.log" 2>&1 &
CS_PID=$!
cleanup() { kill -TERM -- -"$CS_PID" 2>/dev/null || true; sleep 1; kill -KILL -- -"$CS_PID" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 150); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" || { cat "$WORK/code-server.log"; exit 1; }

rc=0
if [ "${MAP_ONLY:-0}" != 1 ]; then
t "UI test (playwright)"
CS_URL="http://127.0.0.1:$PORT" WS="$WORK/ws" SHOT="${SHOT:-$WORK/shot.png}" node "$WORK/tools/ui-check.mjs" || { rc=1; t "UI test failed"; }
t "extension tests inside code-server's extension host"
CS_URL="http://127.0.0.1:$PORT" WS="$WORK/ws" EXT_DIR="$WORK/vsix/extension" SHOT="$WORK/shot-exthost.png" \
  node "$WORK/tools/exthost-check.mjs" || { rc=1; t "extension-host tests failed"; }
fi
t "deployment map (playwright): command palette, nodes, click to line, follows edits"
CS_URL="http://127.0.0.1:$PORT" MAP_WS="$WORK/map-ws" MAP_SHOT="${MAP_SHOT:-$WORK/deployment-map.png}" \
  node "$WORK/tools/map-check.mjs" || { rc=1; t "deployment map check failed"; }
t "done rc=$rc (screenshot: ${SHOT:-$WORK/shot.png})"
exit $rc
