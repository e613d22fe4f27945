#!/usr/bin/env bash
# The HTML report in headless Chromium: it loads without console errors or
# network requests, and a screenshot is taken (kept in target/e2e/).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${PALABRE_BIN:-target/release/palabre}
OUT=target/e2e
mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
  echo "report e2e: chromium not found" >&2
  exit 1
fi

export XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" HOME="$WORK"
# English, whatever the machine's locale (the French report is checked below).
unset LC_ALL LC_MESSAGES
export LANG=C.UTF-8
"$BIN" --db "$WORK/store.db" import sample-data/conversations.jsonl >/dev/null 2>&1
"$BIN" --db "$WORK/store.db" flag 1 potential --reason "screenshot test" >/dev/null
"$BIN" --db "$WORK/store.db" report --from 2026-10-26 --to 2026-11-09 --format html -o "$OUT/report.html" 2>/dev/null

pass=0
fail=0
check() {
  if eval "$2"; then
    echo "ok   $1"
    pass=$((pass + 1))
  else
    echo "FAIL $1"
    fail=$((fail + 1))
  fi
}

flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run
  --user-data-dir="$WORK/profile" --enable-logging=stderr --v=0)
url="file://$PWD/$OUT/report.html"
timeout 60 "$CHROMIUM" "${flags[@]}" --dump-dom "$url" >"$WORK/dom.html" 2>"$WORK/dom.log" || true
timeout 60 "$CHROMIUM" "${flags[@]}" --window-size=1200,3000 --screenshot="$OUT/report.png" "$url" \
  >/dev/null 2>"$WORK/shot.log" || true

check "the page loads and renders its title" "grep -q '<h1>Palabre report</h1>' '$WORK/dom.html'"
check "its charts are in the DOM" "[ \$(grep -o '<svg' '$WORK/dom.html' | wc -l) -ge 4 ]"
check "no console errors" "! grep -Ei 'CONSOLE.*(error|uncaught)|Uncaught' '$WORK/dom.log' '$WORK/shot.log'"
check "nothing fetched from the network" "! grep -Eo '(src|href)=\"https?:' '$OUT/report.html'"
check "a screenshot was taken" "[ -s '$OUT/report.png' ] && head -c 8 '$OUT/report.png' | grep -q PNG"
"$BIN" --db "$WORK/store.db" --lang fr report --from 2026-10-26 --to 2026-11-09 --format html -o "$OUT/report-fr.html" 2>/dev/null
check "the French report is a French page" "grep -q '<html lang=\"fr\">' '$OUT/report-fr.html' && grep -q '<h1>Rapport Palabre</h1>' '$OUT/report-fr.html'"

echo "report e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
