#!/usr/bin/env bash
# Shell completion: bash's, zsh's and fish's scripts from assets/completions,
# each asked as its shell asks it, with the candidates coming from rehearse.
#   tests/completion.sh PATH/TO/rehearse
set -uo pipefail
bin=${1:?usage: completion.sh REHEARSE}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
scripts=$root/assets/completions
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp/config REHEARSE_HOME=$tmp/home
unset REHEARSE_DATA_DIR XDG_DATA_HOME
mkdir -p "$tmp/bin" "$REHEARSE_HOME/sessions/20261120-100000-fundamentals" \
         "$REHEARSE_HOME/sessions/20261121-090000-quick-15" "$tmp/files"
ln -s "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" "$tmp/bin/rehearse"
touch "$tmp/files/mine.yaml"
passed=0 failed=0

# expect NAME GOT EXPECTED: both are lists of words, compared sorted.
expect() {
    local got want
    got=$(printf '%s\n' $2 | sort | tr '\n' ' ')
    want=$(printf '%s\n' $3 | sort | tr '\n' ' ')
    if [[ $got == "$want" ]]; then
        passed=$((passed + 1))
    else
        echo "FAIL $1: got '$got', expected '$want'"; failed=$((failed + 1))
    fi
}

# bash: COMP_WORDS and COMP_CWORD as bash sets them, the reply in COMPREPLY.
bash_complete() {
    bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _rehearse
             printf "%s\n" "${COMPREPLY[@]}"' _ "$scripts/rehearse.bash" "$tmp/bin/rehearse" "$@"
}
commands="run scenarios bank check devices mic sessions show review play export stats resume analyze due delete --help --version"
scenarios="case-study-20 data-engineering-45 fundamentals quick-15 system-design-30"
expect bash-commands "$(bash_complete "")" "$commands"
expect bash-prefix "$(bash_complete "s")" "scenarios sessions show stats"
expect bash-options "$(bash_complete export --)" "--format --output --help"
expect bash-format "$(bash_complete export last --format "")" "md html json"
expect bash-format-short "$(bash_complete export last -f h)" "html"
expect bash-mode "$(bash_complete run --mode "")" "typed spoken mixed"
expect bash-sessions "$(bash_complete review "")" "last 20261121-090000-quick-15 20261120-100000-fundamentals"
expect bash-delete "$(bash_complete delete "")" "last 20261121-090000-quick-15 20261120-100000-fundamentals"
expect bash-delete-options "$(bash_complete delete --)" "--yes --help"
expect bash-mic-options "$(bash_complete mic --)" "--device --help"
expect bash-sessions-options "$(bash_complete sessions --)" "--limit --json --help"
expect bash-session-prefix "$(bash_complete show 2026112)" \
    "20261121-090000-quick-15 20261120-100000-fundamentals"
expect bash-categories "$(bash_complete bank --category p)" "pipelines performance processing"
expect bash-scenarios "$(cd "$tmp/files" && bash_complete run "")" "$scenarios mine.yaml"
expect bash-scenario-prefix "$(bash_complete run q)" "quick-15"
expect bash-check-files "$(cd "$tmp/files" && bash_complete check "m")" "mine.yaml"
expect bash-after-seed "$(bash_complete run --seed "")" ""

# zsh: the autoloaded function with `words` and CURRENT set; compadd and
# _files record what they are given.
if command -v zsh >/dev/null; then
    zsh_complete() {
        zsh -fc 'fpath=("$1" $fpath); autoload -Uz _rehearse; shift
                 compadd() { [[ $1 == -a ]] && print -rl -- "${(@P)2}"; }
                 _files() { print -r -- FILES; }
                 words=("$@"); CURRENT=$#; _rehearse' _ "$scripts" "$tmp/bin/rehearse" "$@"
    }
    expect zsh-commands "$(zsh_complete "")" "$commands"
    expect zsh-format "$(zsh_complete export last --format "")" "md html json"
    expect zsh-sessions "$(zsh_complete play "")" "last 20261121-090000-quick-15 20261120-100000-fundamentals"
    expect zsh-run "$(zsh_complete run quick)" "quick-15 FILES"
else
    echo "FAIL zsh is not installed (scripts/deps --test installs it)"; failed=$((failed + 1))
fi

# fish: `complete -C` asks what an interactive fish would offer.
if command -v fish >/dev/null; then
    fish_complete() {
        (cd "$tmp/files" && PATH=$tmp/bin:$PATH fish --no-config -c \
            "source '$scripts/rehearse.fish'; complete -C'rehearse $1'" | cut -f1)
    }
    expect fish-commands "$(fish_complete "")" "$commands"
    expect fish-mode "$(fish_complete "run --mode ")" "typed spoken mixed"
    expect fish-sessions "$(fish_complete "resume 20261120")" "20261120-100000-fundamentals"
    expect fish-run "$(fish_complete "run m")" "mine.yaml"
else
    echo "FAIL fish is not installed (scripts/deps --test installs it)"; failed=$((failed + 1))
fi

# Session ids come from the directory names, never from parsing sessions
# (bench/run measures the time with 1000 of them).
for i in $(seq 1000); do mkdir "$REHEARSE_HOME/sessions/20250101-$(printf %06d "$i")-x"; done
expect many-sessions "$("$bin" --complete show "" | wc -l)" 1003

echo "completion: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
