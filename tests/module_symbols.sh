#!/usr/bin/env bash
# The audio module's functions are its own: none of the functions and data it
# exports is also exported by a library it loads (libflite exports an
# audio_open and an audio_close, for one), so each call inside the module
# binds to the module without linking it -Bsymbolic.
#   tests/module_symbols.sh MODULE
set -uo pipefail
module=${1:?usage: module_symbols.sh MODULE}
[[ -r $module ]] || { echo "FAIL no module at $module"; exit 1; }

own=$(nm -D --defined-only "$module" | awk '$2 ~ /^[TDBR]$/ && $3 !~ /^__/ {print $3}' | sort -u)
[[ $(grep -c . <<<"$own") -gt 20 ]] || { echo "FAIL $module exports too few symbols to check"; exit 1; }
mapfile -t libs < <(ldd "$module" | awk '$2 == "=>" && $3 ~ /^\// {print $3}')
[[ ${#libs[@]} -gt 5 ]] || { echo "FAIL ldd found only ${#libs[@]} libraries of $module"; exit 1; }
failed=0
for lib in "${libs[@]}"; do
    while IFS= read -r sym; do
        echo "FAIL $sym is exported by both $(basename "$module") and $lib"
        failed=$((failed + 1))
    done < <(comm -12 <(echo "$own") <(nm -D --defined-only "$lib" 2>/dev/null | awk '{print $3}' | sort -u))
done
echo "module_symbols: $(grep -c . <<<"$own") symbols against ${#libs[@]} libraries, $failed shared"
[[ $failed -eq 0 ]]
