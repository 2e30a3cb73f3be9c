#!/usr/bin/env bash
# The exported HTML page in headless Chromium: it loads with no console
# errors and no failed requests, shows every question of the session, and a
# screenshot is kept as a test artefact.
#   tests/html.sh REHEARSE ARTIFACT_DIR
set -uo pipefail
bin=${1:?usage: html.sh REHEARSE ARTIFACT_DIR}
artifacts=${2:?usage: html.sh REHEARSE ARTIFACT_DIR}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$artifacts" "$tmp/home"
cp -r "$root/tests/data/sessions" "$tmp/home/sessions"
session=$tmp/home/sessions/20261121-090000-quick-15
REHEARSE_HOME=$tmp/home "$bin" export 20261121 --format html -o "$session/report.html" || exit 1

browser=(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
         --disable-background-networking --disable-component-update --disable-sync
         --user-data-dir="$tmp/profile" --enable-logging=stderr --v=0)
"${browser[@]}" --dump-dom "file://$session/report.html" >"$tmp/dom.html" 2>"$tmp/log.txt" || exit 1
"${browser[@]}" --window-size=1000,1600 --screenshot="$artifacts/export.png" \
    "file://$session/report.html" 2>>"$tmp/log.txt" || exit 1

python3 - "$tmp/dom.html" "$session/session.json" "$tmp/log.txt" "$artifacts/export.png" <<'PY'
import html, json, os, re, sys
dom, session, log, shot = open(sys.argv[1]).read(), json.load(open(sys.argv[2])), open(sys.argv[3]).read(), sys.argv[4]
failures = []
for a in session["answers"]:
    if html.escape(a["question"], quote=False) not in dom:
        failures.append("question %d not shown" % a["n"])
if dom.count("<section") != len(session["answers"]):
    failures.append("%d sections for %d answers" % (dom.count("<section"), len(session["answers"])))
for line in log.splitlines():
    if re.search(r"CONSOLE|Failed to load resource|net::ERR_|Uncaught", line):
        failures.append("browser: " + line)
if not os.path.getsize(shot) > 10000:
    failures.append("no screenshot")
for f in failures:
    print("FAIL", f)
print("html: %d passed, %d failed" % (len(session["answers"]) + 3 - len(failures), len(failures)))
sys.exit(1 if failures else 0)
PY
