#!/usr/bin/env bash
# The exported HTML page in headless Chromium. A session of the test data
# gets a spoken answer (flite speech with a 3-second pause, analyzed by
# rehearse), then:
# - `export -o DIR/` writes DIR/<id>.html with byte-exact copies of the
#   recordings (mode 0600) that its players find; the page loads with no
#   console errors and no failed requests, shows every question, the
#   waveform strip with its pause, and the speech figures;
#   screenshots at 1200 and 400 px wide are kept as test artefacts;
# - a page written outside the session directory names the recording
#   instead of showing a dead player, and says how to get one that plays.
#   tests/html.sh REHEARSE ARTIFACT_DIR
set -uo pipefail
bin=${1:?usage: html.sh REHEARSE ARTIFACT_DIR}
artifacts=${2:?usage: html.sh REHEARSE ARTIFACT_DIR}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$artifacts" "$tmp/home"
cp -r "$root/tests/data/sessions" "$tmp/home/sessions"
id=20261121-090000-quick-15
session=$tmp/home/sessions/$id
export REHEARSE_HOME=$tmp/home

# Answer 2 becomes spoken: two sentences with three seconds of silence
# between them.
flite -voice rms -t "A data warehouse stores structured data for reporting." -o "$tmp/a.wav" || exit 1
flite -voice rms -t "A data lake keeps raw files of every shape." -o "$tmp/b.wav" || exit 1
python3 - "$tmp/a.wav" "$tmp/b.wav" "$session/02-spoken.wav" "$session/session.json" <<'PY' || exit 1
import json, sys, wave
first, second, out, path = sys.argv[1:]
frames = []
for name in (first, second):
    with wave.open(name) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16000, 1, 2)
        frames.append(w.readframes(w.getnframes()))
data = frames[0] + bytes(2 * 3 * 16000) + frames[1]
with wave.open(out, "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000); w.writeframes(data)
s = json.load(open(path))
n = len(data) // 2
s["answers"][1].update(mode="spoken", text="", analysis=None, text_source="machine",
                       audio={"file": "02-spoken.wav", "sample_rate": 16000, "frames": n,
                              "duration_s": n / 16000, "dropped_frames": 0})
json.dump(s, open(path, "w"), indent=2)
PY
"$bin" analyze "$id" >"$tmp/analyze.txt" 2>&1 || { cat "$tmp/analyze.txt"; exit 1; }

failures=()
"$bin" export "$id" --format html -o "$tmp/report/" 2>"$tmp/export.err" || exit 1
page=$tmp/report/$id.html
[[ -s "$page" ]] || failures+=("no page at $page")
cmp -s "$session/02-spoken.wav" "$tmp/report/02-spoken.wav" || failures+=("the recording is not copied beside the page")
[[ $(stat -c %a "$tmp/report/02-spoken.wav") == 600 ]] || failures+=("the copy is not private")
[[ ! -s "$tmp/export.err" ]] || failures+=("export said: $(cat "$tmp/export.err")")
# Again into the same folder: the same copies are kept, no error.
"$bin" export "$id" --format html -o "$tmp/report/" 2>>"$tmp/export.err" || failures+=("a second export into the folder failed")

# A folder holding another file of a recording's name: refused, kept.
mkdir -p "$tmp/clash" && echo mine >"$tmp/clash/02-spoken.wav"
if "$bin" export "$id" --format html -o "$tmp/clash/" 2>"$tmp/clash.err"; then
    failures+=("export into a folder with another 02-spoken.wav succeeded")
fi
[[ "$(cat "$tmp/clash.err")" == "rehearse: cannot copy 02-spoken.wav: $tmp/clash/02-spoken.wav exists and is not this recording; choose an empty folder" ]] ||
    failures+=("the clash said: $(cat "$tmp/clash.err")")
[[ "$(cat "$tmp/clash/02-spoken.wav")" == mine ]] || failures+=("the clashing file was changed")

browser=(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
         --disable-background-networking --disable-component-update --disable-sync
         --user-data-dir="$tmp/profile" --enable-logging=stderr --v=0)
"${browser[@]}" --dump-dom "file://$page" >"$tmp/dom.html" 2>"$tmp/log.txt" || exit 1
for width in 1200 400; do
    "${browser[@]}" --window-size=$width,1800 --screenshot="$artifacts/export-$width.png" \
        "file://$page" 2>>"$tmp/log.txt" || exit 1
done

# Written outside the session directory, alone.
"$bin" export "$id" --format html -o "$tmp/alone.html" 2>"$tmp/alone.err" || exit 1

python3 - "$tmp/dom.html" "$session/session.json" "$tmp/log.txt" "$artifacts" "$tmp/report" \
    "$tmp/alone.html" "${failures[@]}" <<'PY'
import html, json, os, re, sys
dom, session, log = open(sys.argv[1]).read(), json.load(open(sys.argv[2])), open(sys.argv[3]).read()
artifacts, folder, alone = sys.argv[4], sys.argv[5], open(sys.argv[6]).read()
failures = list(sys.argv[7:])
checks = 0
def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)
for a in session["answers"]:
    check(html.escape(a["question"], quote=False) in dom, "question %d not shown" % a["n"])
check(dom.count('<section id="q') == len(session["answers"]),
      "%d sections for %d answers" % (dom.count('<section id="q'), len(session["answers"])))
for src in re.findall(r'<audio[^>]* src="([^"]+)"', dom):
    check(os.path.isfile(os.path.join(folder, src)), "player %s finds no file" % src)
check(len(re.findall(r"<audio", dom)) == 1, "one player for the one recording")
spoken = session["answers"][1]["analysis"]
check(spoken is not None and len(spoken["pauses"]) >= 1, "the analysis found no pause")
check('aria-label="Waveform of the recording' in dom, "no waveform strip")
pauses = re.findall(r"<title>pause of ([0-9.]+) s</title>", dom)
check(any(abs(float(p) - 3.0) < 0.5 for p in pauses), "the 3-second pause is not marked: %s" % pauses)
check("<p class=\"meta\">Speech: " in dom, "no speech figures")
for line in log.splitlines():
    if re.search(r"CONSOLE|Failed to load resource|net::ERR_|Uncaught", line):
        failures.append("browser: " + line)
for width in (1200, 400):
    shot = os.path.join(artifacts, "export-%d.png" % width)
    check(os.path.exists(shot) and os.path.getsize(shot) > 10000, "no screenshot at %d px" % width)
check("<audio" not in alone, "a page away from the recordings shows a player")
check("Recording: 02-spoken.wav (in the session directory, not beside this page)" in alone,
      "a page away from the recordings does not name them")
check("-o DIR/</code> writes the page into DIR with copies" in alone, "no advice to export a folder")
for f in failures:
    print("FAIL", f)
print("html: %d passed, %d failed" % (checks - len(failures) + len(sys.argv[7:]), len(failures)))
sys.exit(1 if failures else 0)
PY
