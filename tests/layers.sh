#!/usr/bin/env bash
# The layers of src/ (docs/architecture.md), checked: src/core includes
# nothing from src/io or src/cli and no header of a terminal, audio or
# operating-system interface; src/io includes nothing from src/cli; and the
# audio module (src/io/audio/) is reached only through io/audio_api.h.
#   tests/layers.sh [SOURCE_DIR]
set -uo pipefail
root=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
failed=0 checked=0

# The C library headers core may use, libyaml for the loader and libstemmer
# for key-term coverage.
core_allowed='assert|ctype|errno|float|inttypes|limits|libstemmer|math|stdalign|stdarg|stdatomic|stdbool|stddef|stdint|stdio|stdlib|string|yaml'

for f in "$root"/src/core/*.[ch]; do
    checked=$((checked + 1))
    while IFS= read -r line; do
        echo "FAIL ${f#"$root"/}: $line (src/core is pure logic: no adapter, no command)"
        failed=$((failed + 1))
    done < <(grep -nE '^#\s*include\s*"[^"]*(\.\./|io/|cli/)' "$f")
    while IFS= read -r line; do
        echo "FAIL ${f#"$root"/}: $line (src/core uses the C library only)"
        failed=$((failed + 1))
    done < <(grep -nE '^#\s*include\s*<' "$f" | grep -vE "<($core_allowed)\.h>")
done
for f in "$root"/src/io/*.[ch] "$root"/src/io/*/*.[ch]; do
    [[ -e $f ]] || continue
    checked=$((checked + 1))
    while IFS= read -r line; do
        echo "FAIL ${f#"$root"/}: $line (adapters never call commands)"
        failed=$((failed + 1))
    done < <(grep -nE '^#\s*include\s*"[^"]*cli/' "$f")
done
# The audio module is loaded with dlopen (io/audio_api.h): the rest of src/
# would link PortAudio, flite and pocketsphinx if it called into the folder.
for f in "$root"/src/*/*.[ch]; do
    [[ $f == "$root"/src/io/audio_api.h ]] && continue
    while IFS= read -r line; do
        echo "FAIL ${f#"$root"/}: $line (src/io/audio is reached through io/audio_api.h only)"
        failed=$((failed + 1))
    done < <(grep -nE '^#\s*include\s*"([^"]*/)?audio/' "$f")
done
[[ $checked -gt 20 ]] || { echo "FAIL only $checked files found under $root/src"; exit 1; }
echo "layers: $checked files checked, $failed includes out of place"
[[ $failed -eq 0 ]]
