#!/usr/bin/env bash
# Browser test of the wallboard against a real `ccsim serve`.
#
#   scripts/browser_test.sh [path/to/ccsim]     (run from the repository root)
#
# Starts ccsim serve on a free loopback port with a shipped scenario, runs
# tests/browser/wallboard.test.mjs (node --test: Debian's chromium driven by
# playwright-core), always stops the server, and exits non-zero on failure.
#
# Environment (all optional):
#   CCSIM_BROWSER_SCENARIO  scenario file        (scenarios/inbound_basic.toml)
#   CCSIM_BROWSER_SPEED     speed factor         (20)
#   CCSIM_BROWSER_TENANT    tenant to open       (the first one listed)
#   WALLBOARD_SCREENSHOT    screenshot path      (build/wallboard.png)
#   CCSIM_BROWSER_NO_INSTALL=1  never install chromium or npm packages
set -uo pipefail

CCSIM=${1:-build/ccsim}
SCENARIO=${CCSIM_BROWSER_SCENARIO:-scenarios/inbound_basic.toml}
SPEED=${CCSIM_BROWSER_SPEED:-20}
TEST_DIR=tests/browser
export WALLBOARD_SCREENSHOT=${WALLBOARD_SCREENSHOT:-build/wallboard.png}

say() { echo "browser_test: $*" >&2; }

[ -x "$CCSIM" ] || { say "no ccsim binary at '$CCSIM' (build it first, or pass its path)"; exit 2; }
[ -f "$SCENARIO" ] || { say "no scenario '$SCENARIO'"; exit 2; }
command -v node >/dev/null || { say "node is not installed"; exit 2; }

# --- what the test needs: Debian's chromium and the pinned npm packages
if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  if [ "${CCSIM_BROWSER_NO_INSTALL:-0}" != 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing chromium (apt-get)"
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } >&2 \
      || { say "could not install chromium"; exit 2; }
  else
    say "chromium is missing: apt-get install -y chromium"; exit 2
  fi
fi
if [ ! -d "$TEST_DIR/node_modules/playwright-core" ] || [ ! -d "$TEST_DIR/node_modules/ws" ]; then
  if [ "${CCSIM_BROWSER_NO_INSTALL:-0}" = 1 ]; then say "run: npm ci --prefix $TEST_DIR"; exit 2; fi
  say "installing the test's npm packages (npm ci)"
  npm ci --prefix "$TEST_DIR" --no-audit --no-fund --loglevel=error >&2 || { say "npm ci failed"; exit 2; }
fi

# --- start the server
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ccsim-browser.XXXXXX")
LOG="$WORK/server.log"
KEY="browser-test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
SERVER_PID=""

cleanup() {
  local rc=$?
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$SERVER_PID" 2>/dev/null && { say "server did not stop on TERM: killing it"; kill -KILL "$SERVER_PID" 2>/dev/null; }
    wait "$SERVER_PID" 2>/dev/null
  fi
  if [ "$rc" != 0 ] && [ -f "$LOG" ]; then
    say "server log (last 40 lines):"
    tail -n 40 "$LOG" >&2
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

URL=""
for attempt in 1 2 3; do
  PORT=$(free_port) || { say "could not find a free port"; exit 2; }
  : >"$LOG"
  "$CCSIM" serve "$SCENARIO" --port "$PORT" --speed "$SPEED" --admin-key "$KEY" --db "$WORK/session.db" >"$LOG" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do  # up to 30 s
    URL=$(grep -o 'listening on http://[^ ]*' "$LOG" 2>/dev/null | head -n1 | sed 's/^listening on //')
    [ -n "$URL" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$URL" ] && break
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    say "server did not report 'listening on' within 30 s"; exit 1
  fi
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
  say "server exited at start (attempt $attempt, port $PORT):"
  tail -n 5 "$LOG" >&2
done
[ -n "$URL" ] || { say "could not start the server"; exit 1; }

# The server prints the admin key it uses; prefer that over ours.
PRINTED_KEY=$(grep -o 'admin key[^:]*: [^ ]*' "$LOG" | head -n1 | sed 's/^admin key[^:]*: //')
[ -n "$PRINTED_KEY" ] && KEY=$PRINTED_KEY
URL=${URL%/}
say "server $URL (pid $SERVER_PID), scenario $SCENARIO, speed $SPEED"

# --- run the test
WALLBOARD_URL="$URL" WALLBOARD_KEY="$KEY" WALLBOARD_TENANT="${CCSIM_BROWSER_TENANT:-}" \
  node --test "$TEST_DIR/wallboard.test.mjs"
RC=$?
if [ "$RC" = 0 ]; then say "passed; screenshot: $WALLBOARD_SCREENSHOT"; else say "FAILED (exit $RC)"; fi
exit "$RC"
