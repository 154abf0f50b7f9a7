#!/usr/bin/env bash
# Sets up whatever is missing (scripts/setup.sh), then serves the web app on http://127.0.0.1:8080/.
#   scripts/serve.sh          `trunk serve`: debug build, rebuilt on every change
#   scripts/serve.sh --dist   `trunk build --release`, then a plain static server on dist/
set -euo pipefail
cd "$(dirname "$0")/.."
case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) export PATH="$HOME/.cargo/bin:$PATH" ;; esac
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
if [ "${1:-}" = "--dist" ]; then
  trunk build --release
  echo "serving dist/ at http://127.0.0.1:8080/"
  exec python3 -m http.server 8080 --bind 127.0.0.1 --directory dist
fi
exec trunk serve --address 127.0.0.1 --port 8080
