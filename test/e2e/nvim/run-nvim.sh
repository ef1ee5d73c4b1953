#!/usr/bin/env bash
# Headless Neovim (Debian's 0.7.2: `apt-get install neovim`) as an LSP client of the bundled dist/server.js over
# stdio. Not part of `npm test`. Needs `npm run build` first. Prints the JSON result; exit 0/1.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)          # test/e2e
ROOT=$(cd "$HERE/../.." && pwd)                 # the project
command -v nvim >/dev/null || { echo "nvim is not installed (apt-get install neovim)"; exit 1; }
SERVER_JS=${LSP_SERVER_JS:-$ROOT/dist/server.js}
[ -f "$SERVER_JS" ] || { echo "$SERVER_JS is missing: run npm run build first"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# A copy of the workspace, so the server never writes or caches anything in the source tree.
cp -r "$HERE/workspace" "$tmp/ws"
export LSP_SERVER_JS="$SERVER_JS"
export LSP_FILE="$tmp/ws/gunicorn.conf.py"
export LSP_HOVER_LINE=${LSP_HOVER_LINE:-1} LSP_HOVER_CHAR=${LSP_HOVER_CHAR:-2}   # on "workers"
export LSP_EXPECT_CODE=${LSP_EXPECT_CODE:-gunicorn/unknown-setting}
export LSP_EXPECT_HOVER=${LSP_EXPECT_HOVER:-workers}
# XDG dirs in the temp folder: keeps lsp.log and shada out of $HOME.
XDG_CACHE_HOME=$tmp XDG_STATE_HOME=$tmp XDG_DATA_HOME=$tmp \
  timeout "${OUTER_TIMEOUT:-60}" nvim --headless -u NONE -i NONE -c "luafile $HERE/nvim/lsp_check.lua"
