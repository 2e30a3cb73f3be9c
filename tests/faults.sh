#!/usr/bin/env bash
# Fault injection (tests/inject.c, LD_PRELOAD): a full disk on session.json,
# a failed fsync and a failed rename, a full or failing disk under a
# recording; and a real disk (a small tmpfs) that a recording fills up. The session ends with a clear message and exit 1, and what was
# saved before is intact and parses.
#   tests/faults.sh REHEARSE INJECT_SO
set -uo pipefail
bin=${1:?usage: faults.sh REHEARSE INJECT_SO}
inject=${2:?usage: faults.sh REHEARSE INJECT_SO}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/config/rehearse/banks"
cp "$root/tests/data/good/bank.yaml" "$tmp/config/rehearse/banks/test-bank.yaml"
export XDG_CONFIG_HOME=$tmp/config
passed=0 failed=0

# case NAME CALL PATH ERRNO AFTER EXPECTED_MESSAGE_END ANSWERS_KEPT
case_() {
    local name=$1 call=$2 path=$3 err=$4 after=$5 message=$6 kept=$7 home=$tmp/$1
    # A LeakSanitizer report at the forced exit would hide the exit status.
    printf 'one\n/done\ntwo\n/done\nthree\n/done\n' |
        ASAN_OPTIONS=detect_leaks=0:verify_asan_link_order=0 LD_PRELOAD=$inject INJECT_CALL=$call INJECT_PATH=$path \
        INJECT_ERRNO=$err INJECT_AFTER=$after REHEARSE_HOME=$home \
        "$bin" run "$root/tests/data/e2e/long.yaml" >"$tmp/out" 2>"$tmp/err"
    local status=$?
    local json=$(ls "$home"/sessions/*/session.json 2>/dev/null | head -1)
    if [[ $status -eq 1 ]] && grep -q "^rehearse: the interview stopped: cannot write .*session.json: $message; everything saved before is in " "$tmp/err" &&
        python3 -c "import json,sys; s=json.load(open(sys.argv[1])); sys.exit(0 if [a['text'] for a in s['answers'] if a['outcome']=='answered'] == sys.argv[2].split() else 1)" "$json" "$kept" &&
        [[ -z $(ls -A "$home"/sessions/*/ | grep '\.tmp$') ]]; then
        passed=$((passed + 1))
    else
        echo "FAIL $name: exit $status"; cat "$tmp/err"; [[ -n $json ]] && cat "$json"
        failed=$((failed + 1))
    fi
}

# saves: 1 before the intro, 2 at the start, 3 after the first answer, 4
# after the second...
# Saves that keep failing: each is a notice while the interview goes on,
# the last one ends it with the error.
case_ enospc-write write '*/.session.json.*.tmp' ENOSPC 3 "No space left on device" "one"
case_ eio-fsync fsync '*/.session.json.*.tmp' EIO 1 "Input/output error" ""
case_ eio-rename renameat '*session.json' EIO 3 "Input/output error" "one"

# recover NAME CALL PATH: one save fails (the one after the first answer):
# a notice, the interview goes on, the next save writes every answer.
recover() {
    local name=$1 call=$2 path=$3 home=$tmp/$1
    printf 'one\n/done\ntwo\n/done\n' |
        ASAN_OPTIONS=detect_leaks=0:verify_asan_link_order=0 LD_PRELOAD=$inject INJECT_CALL=$call INJECT_PATH=$path \
        INJECT_ERRNO=ENOSPC INJECT_AFTER=2 INJECT_TIMES=1 REHEARSE_HOME=$home \
        "$bin" run "$root/tests/data/e2e/long.yaml" >"$tmp/out" 2>"$tmp/err"
    local status=$? dir=$(ls -d "$home"/sessions/*/ 2>/dev/null | head -1)
    if [[ $status -eq 0 ]] &&
        grep -q "^rehearse: cannot write ${dir}$4: No space left on device; your answers are kept and saving is tried again shortly$" "$tmp/err" &&
        [[ $(grep -c . "$tmp/err") -eq 1 ]] &&
        python3 -c "import json,sys; s=json.load(open(sys.argv[1])); sys.exit(0 if s['status']=='completed' and [a['text'] for a in s['answers']] == ['one','two'] else 1)" "${dir}session.json" &&
        grep -q '^two$' "${dir}transcript.md" &&
        [[ -z $(ls -A "$dir" | grep '\.tmp$') ]]; then
        passed=$((passed + 1))
    else
        echo "FAIL $name: exit $status"; cat "$tmp/err"
        failed=$((failed + 1))
    fi
}
recover enospc-once write '*/.session.json.*.tmp' session.json
recover rename-once renameat '*session.json' session.json
recover transcript-once write '*/.transcript.md.*.tmp' transcript.md

# A disk full from the start: one line says so before any question, and no
# empty session directory is left behind.
home=$tmp/full-at-start
printf 'one\n/done\n' |
    ASAN_OPTIONS=detect_leaks=0:verify_asan_link_order=0 LD_PRELOAD=$inject INJECT_CALL=write \
    INJECT_PATH='*/.session.json.*.tmp' INJECT_ERRNO=ENOSPC REHEARSE_HOME=$home \
    "$bin" run "$root/tests/data/e2e/long.yaml" >"$tmp/out" 2>"$tmp/err"
status=$?
if [[ $status -eq 1 && -z $(ls -A "$home/sessions") && ! -s $tmp/out ]] &&
    [[ $(cat "$tmp/err") =~ ^rehearse:\ cannot\ write\ $home/sessions/[0-9]{8}-[0-9]{6}-e2e-long/session.json:\ No\ space\ left\ on\ device$ ]]; then
    passed=$((passed + 1))
else
    echo "FAIL enospc-at-start: exit $status"; cat "$tmp/out" "$tmp/err"; ls -R "$home/sessions"
    failed=$((failed + 1))
fi

# A recording whose writes fail after the first 20, from a microphone that
# reads a file (scripts/virtual-mic alsa-file). That microphone is faster
# than real time, so the writes fail within a second of the first question;
# the Enter that would end the answer comes long after, since the speech
# recogniser loads before the first question (seconds under a sanitizer).
head -c 3200000 /dev/urandom >"$tmp/noise.raw"
"$root/scripts/virtual-mic" alsa-file "$tmp/noise.raw" "$tmp/asound.conf"
wav_case() {
    local name=$1 err=$2 message=$3 home=$tmp/$1
    (sleep 10; printf '\n') |
        ASAN_OPTIONS=detect_leaks=0:verify_asan_link_order=0 LD_PRELOAD=$inject INJECT_CALL=write \
        INJECT_PATH='*.wav' INJECT_ERRNO=$err INJECT_AFTER=20 REHEARSE_HOME=$home \
        ALSA_CONFIG_PATH=$tmp/asound.conf "$bin" run "$root/tests/data/e2e/spoken.yaml" \
        >"$tmp/out" 2>"$tmp/err"
    local status=$? dir=$(ls -d "$home"/sessions/*/ 2>/dev/null | head -1)
    if [[ $status -eq 1 ]] &&
        grep -q "^rehearse: the interview stopped: cannot write ${dir}01-say-it.wav: $message; everything saved before is in " "$tmp/err" &&
        python3 - "$dir" <<'PY'; then
import json, sys, wave
s = json.load(open(sys.argv[1] + "session.json"))
a = s["answers"][0]
assert s["status"] == "aborted" and a["outcome"] == "aborted", s
with wave.open(sys.argv[1] + a["audio"]["file"]) as w:
    assert 0 < w.getnframes() <= a["audio"]["frames"], (w.getnframes(), a["audio"])
PY
        passed=$((passed + 1))
    else
        echo "FAIL $name: exit $status"; cat "$tmp/err"
        failed=$((failed + 1))
    fi
}
wav_case enospc-wav ENOSPC "No space left on device"
wav_case eio-wav EIO "Input/output error"

# A disk that really fills up during a recording: a 1 MiB tmpfs, mounted in
# a mount namespace of its own (it goes with it), holds the session. The
# recording stops at the full disk and the session's last save still fits:
# session.json is aborted and counts exactly the frames on disk.
full_case() {
    local home=$tmp/full out=$tmp/full-out
    mkdir -p "$home" "$out"
    (sleep 10; printf '\n') |
        ASAN_OPTIONS=detect_leaks=0 ALSA_CONFIG_PATH=$tmp/asound.conf \
        unshare -m bash -c 'mount -t tmpfs -o size=1m tmpfs "$1" && REHEARSE_HOME=$1 "$2" run "$3" 2>"$4/err"; echo $? >"$4/status"; cp -a "$1/sessions" "$4/"' \
        _ "$home" "$bin" "$root/tests/data/e2e/spoken.yaml" "$out" >/dev/null
    local dir=$(ls -d "$out"/sessions/*/ 2>/dev/null | head -1)
    if [[ $(cat "$out/status" 2>/dev/null) == 1 ]] &&
        grep -q "^rehearse: the interview stopped: cannot write $home/sessions/.*/01-say-it.wav: No space left on device; everything saved before is in " "$out/err" &&
        [[ -z $(ls -A "$dir" | grep -v -x -e session.json -e transcript.md -e 01-say-it.wav -e .lock) ]] &&
        python3 - "$dir" <<'PY'; then
import json, sys, wave
s = json.load(open(sys.argv[1] + "session.json"))
a = s["answers"][0]
assert s["status"] == "aborted" and a["outcome"] == "aborted", s
with wave.open(sys.argv[1] + a["audio"]["file"]) as w:
    assert 0 < w.getnframes() == a["audio"]["frames"], (w.getnframes(), a["audio"])
PY
        passed=$((passed + 1))
    else
        echo "FAIL enospc-full-disk: exit $(cat "$out/status" 2>/dev/null)"; cat "$out/err"; ls -la "$dir"
        [[ -n $dir ]] && cat "$dir/session.json"
        failed=$((failed + 1))
    fi
}
full_case

echo "faults: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
