# fish completion for rehearse(1). The candidates come from rehearse itself
# (`rehearse --complete WORD...`); a first line "@files" adds file names.
function __rehearse_complete
    set -l words (commandline -opc)
    set -l current (commandline -ct)
    set -l out ($words[1] --complete $words[2..-1] "$current" 2>/dev/null)
    string match -v -- @files $out
    if contains -- @files $out
        __fish_complete_path "$current"
    end
end
complete -c rehearse -f -a '(__rehearse_complete)'
