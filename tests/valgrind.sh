#!/usr/bin/env bash
# Runs the unit tests and the command-line tests under valgrind's memcheck:
# any memory error or definitely or indirectly lost block fails the run.
# (The end-to-end tests keep real-time deadlines that valgrind's slowdown
# would miss, and test_transcription needs its recogniser to fall behind a
# microphone, which under valgrind's one-thread-at-a-time scheduling is a
# matter of chance; they run under AddressSanitizer instead, and
# test_transcription under ThreadSanitizer too. test_recognizer decodes
# minutes of speech, hours under valgrind: the model and cache it builds are
# test_lm's, checked here.)
#   tests/valgrind.sh BUILD_DIR    a build without sanitizers
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:?usage: tests/valgrind.sh BUILD_DIR}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
memcheck=(valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect
          --errors-for-leak-kinds=definite,indirect --suppressions="$root/tests/valgrind.supp")

checked=0
for test in "$build"/tests/test_*; do
    name=$(basename "$test")
    [[ -x "$test" && "$name" != test_e2e_* && "$name" != test_transcription &&
       "$name" != test_recognizer ]] || continue
    checked=$((checked + 1))
    if ! "${memcheck[@]}" "$test" >"$tmp/$name.log" 2>&1; then
        cat "$tmp/$name.log"
        echo "valgrind: $name FAILED"
        exit 1
    fi
    echo "valgrind: $name clean"
done
if [[ $checked -eq 0 ]]; then
    echo "valgrind: no unit test found in $build/tests"
    exit 1
fi

# The program itself, through every command of tests/cli.sh.
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "${memcheck[*]}" "$build/src/rehearse" >"$tmp/rehearse"
chmod +x "$tmp/rehearse"
if ! "$root/tests/cli.sh" "$tmp/rehearse" >"$tmp/cli.log" 2>&1; then
    cat "$tmp/cli.log"
    echo "valgrind: cli FAILED"
    exit 1
fi
echo "valgrind: $(tail -n 1 "$tmp/cli.log") (rehearse under memcheck)"
