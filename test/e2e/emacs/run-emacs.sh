#!/usr/bin/env bash
# Headless Emacs 28.2 + Debian elpa-eglot 1.9 (`apt-get install emacs-nox elpa-eglot`) as an LSP client of the
# bundled dist/server.js. Not part of `npm test`. Needs `npm run build` first. Prints JSON; exit 0/1.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)          # test/e2e
ROOT=$(cd "$HERE/../.." && pwd)
command -v emacs >/dev/null || { echo "emacs is not installed (apt-get install emacs-nox elpa-eglot)"; exit 1; }
SERVER_JS=${LSP_SERVER_JS:-$ROOT/dist/server.js}
[ -f "$SERVER_JS" ] || { echo "$SERVER_JS is missing: run npm run build first"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp -r "$HERE/workspace" "$tmp/ws"
export LSP_SERVER_JS="$SERVER_JS" LSP_FILE="$tmp/ws/gunicorn.conf.py"
export LSP_EXPECT_CODE=${LSP_EXPECT_CODE:-gunicorn/unknown-setting}
# Debian's site-start.d puts elpa-eglot on the load-path (so no -Q here). HOME in the temp folder: no ~/.emacs.d.
HOME=$tmp timeout "${OUTER_TIMEOUT:-60}" emacs --batch -l "$HERE/emacs/lsp-check.el" 2>/dev/null
