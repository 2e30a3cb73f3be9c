# bash completion for rehearse(1). The candidates come from rehearse itself
# (`rehearse --complete WORD...`); a first line "@files" adds file names.
_rehearse()
{
    local cur=${COMP_WORDS[COMP_CWORD]} line files=0
    local -a candidates=()
    while IFS= read -r line; do
        if [[ $line == @files ]]; then
            files=1
        else
            candidates+=("$line")
        fi
    done < <("${COMP_WORDS[0]}" --complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
    COMPREPLY=("${candidates[@]}")
    if ((files)); then
        compopt -o filenames 2>/dev/null
        mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -f -- "$cur")
    fi
}
complete -F _rehearse rehearse
