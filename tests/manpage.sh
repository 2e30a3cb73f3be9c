#!/usr/bin/env bash
# The manual page documents every command and every option its --help shows;
# the shell completion offers the same options.
#   tests/manpage.sh PATH/TO/rehearse
set -uo pipefail
bin=${1:?usage: manpage.sh REHEARSE}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
man=$root/docs/rehearse.1
passed=0 failed=0

commands=$("$bin" --complete "")
[[ -n $commands ]] || { echo "FAIL no command to check"; exit 1; }
for cmd in $commands; do
    [[ $cmd == --* ]] && continue
    # ".B name" or ".BR name ..." under COMMANDS, and the synopsis
    if grep -Eq "^\.BR? \"?(rehearse )?$cmd( |\"|$)" "$man"; then
        passed=$((passed + 1))
    else
        echo "FAIL the man page does not document the command '$cmd'"; failed=$((failed + 1))
    fi
    # Each option of the Options section of `rehearse CMD --help`, long and short.
    options=$("$bin" "$cmd" --help | sed -n '/^Options:/,$p' | grep -E '^ +-' \
              | grep -oE '(^ +|, )-{1,2}[a-z][a-z-]*' | tr -d ' ,' | sort -u)
    [[ -n $options ]] || { echo "FAIL '$cmd --help' lists no option"; failed=$((failed + 1)); }
    for opt in $options; do
        [[ $opt == -h || $opt == --help ]] && continue # global: described once
        escaped=${opt//-/\\-}
        if grep -qF -- "$escaped" "$man"; then
            passed=$((passed + 1))
        else
            echo "FAIL the man page does not document '$cmd $opt'"; failed=$((failed + 1))
        fi
    done
    completed=$("$bin" --complete "$cmd" -- | sort -u)
    expected=$(printf '%s\n' $options | grep -- '^--' | sort -u)
    if [[ $completed == "$expected" ]]; then
        passed=$((passed + 1))
    else
        echo "FAIL completion of '$cmd --' offers: $(echo $completed); --help lists: $(echo $expected)"
        failed=$((failed + 1))
    fi
done
for opt in --help --version; do
    grep -qF -- "${opt//-/\\-}" "$man" && passed=$((passed + 1)) \
        || { echo "FAIL the man page does not document '$opt'"; failed=$((failed + 1)); }
done
grep -q "^\.TH REHEARSE 1 .* \"rehearse $("$bin" --version | awk '{print $2}')\"" "$man" \
    && passed=$((passed + 1)) || { echo "FAIL the man page's .TH names another version"; failed=$((failed + 1)); }

echo "manpage: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
