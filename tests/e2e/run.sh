#!/usr/bin/env bash
# End to end: the release binary in a real terminal (tmux) on the sample
# data. Moves through the queue, tags a thread, types a reply draft, quits,
# and checks with `palabre show --json` that the tag event and the draft are
# in the store; then checks that a draft survives kill -9.
# Needs: tmux, python3, target/release/palabre (cargo build --release).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="$PWD/target/release/palabre"
[ -x "$bin" ] || { echo "e2e: build first: cargo build --release" >&2; exit 1; }
command -v tmux >/dev/null || { echo "e2e: tmux is required" >&2; exit 1; }

work=$(mktemp -d)
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
export PALABRE_USER=e2e LANG=C.UTF-8
unset PALABRE_DB PALABRE_DEMO NO_COLOR LC_ALL LC_MESSAGES
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
db="$XDG_DATA_HOME/palabre/demo.db"
sock="palabre-e2e-$$"
t() { tmux -L "$sock" "$@"; }
cleanup() { t kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

failures=0
passes=0
check() { # check DESCRIPTION COMMAND...
  if "${@:2}"; then echo "ok   $1"; passes=$((passes + 1)); else echo "FAIL $1"; failures=$((failures + 1)); fi
}
screen() { t capture-pane -p -t e2e; }
wait_for() { # wait_for TEXT: up to 10 s
  for _ in $(seq 1 100); do screen | grep -qF -- "$1" && return 0; sleep 0.1; done
  echo "--- screen while waiting for '$1':"; screen; return 1
}
start() {
  t new-session -d -s e2e -x 120 -y 40 "$bin demo 2>>$work/stderr.log"
  wait_for "Inbox"
}
keys() { t send-keys -t e2e "$@"; sleep 0.3; }
selected_id() { screen | sed -n 's/.*┌ #\([0-9][0-9]*\) ·.*/\1/p' | head -1; }

start
check "the queue shows the sample data" wait_for "1 Inbox"
keys j j j
first=$(selected_id)
keys j
second=$(selected_id)
check "moving down selects another thread" test -n "$first" -a "$first" != "$second"
keys Enter
keys Escape
keys t
check "the tag pane opens" wait_for "customer-service"
keys j Space
keys Escape
keys r
keys "Bonjour, nous regardons votre commande."
sleep 1.2
check "the draft is saved when typing pauses" wait_for "draft saved"
keys Escape
check "the draft shows in the thread" wait_for "── draft ──"
keys q
sleep 0.5
check "q quits" bash -c "! tmux -L $sock has-session -t e2e 2>/dev/null || ! tmux -L $sock list-panes -t e2e -F '#{pane_current_command}' | grep -q palabre"
t kill-server 2>/dev/null || true

show=$("$bin" --db "$db" show "$second" --json)
check "the tag is in the store" python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert "delivery" in d["tags"], d["tags"]
assert any(e["kind"] == "tag" and e["actor"] == "e2e" and "delivery" in e["payload"]["tags"] for e in d["events"]), d["events"]
' "$show"
check "the draft is in the store" python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["draft"]["text"] == "Bonjour, nous regardons votre commande.", d["draft"]
assert any(e["kind"] == "draft_saved" for e in d["events"])
' "$show"

# A draft survives kill -9.
start
keys j j j j j j
third=$(selected_id)
keys r
keys "Texte tapé avant un kill -9"
sleep 1.5
# The palabre process itself (the tmux server's command line names it too).
pid=$(pgrep -f "^$bin demo" | head -1)
check "palabre is running before kill -9" test -n "$pid"
kill -9 "$pid"
sleep 0.3
t kill-server 2>/dev/null || true
check "a draft survives kill -9" bash -c "'$bin' --db '$db' show '$third' --json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"draft\"][\"text\"] == \"Texte tapé avant un kill -9\", d[\"draft\"]'"
start
keys j j j j j j
keys r
check "the draft reappears in the reply pane" wait_for "Texte tapé avant un kill -9"
keys Escape q

# The terminal is given back on SIGTERM: the shell after palabre still runs.
t new-session -d -s term -x 100 -y 30 "$bin demo 2>>$work/stderr.log; echo AFTER-PALABRE; sleep 5"
sleep 1.5
pkill -TERM -f "^$bin demo" || true
sleep 0.5
check "SIGTERM ends palabre cleanly" bash -c "tmux -L $sock capture-pane -p -t term | grep -q AFTER-PALABRE"

if [ -s "$work/stderr.log" ]; then echo "--- palabre stderr:"; cat "$work/stderr.log"; fi
echo "e2e: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
