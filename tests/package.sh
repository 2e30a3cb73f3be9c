#!/usr/bin/env bash
# The Debian package, built, checked by lintian, installed with dpkg, used
# from the installed files, and removed leaving nothing of it and the user's
# sessions untouched; then `cmake --install` into a DESTDIR, run from there.
# Installs into the system: run as root (CI) or with sudo.
#   tests/package.sh [BUILD_DIR]     (default build-deb/)
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build-deb}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)

# check NAME COMMAND...: the command succeeds.
check() {
    local name=$1
    shift
    if "$@" >"$tmp/out" 2>"$tmp/err"; then
        passed=$((passed + 1))
    else
        echo "FAIL $name"; sed 's/^/  /' "$tmp/out" "$tmp/err" | head -20; failed=$((failed + 1))
    fi
}

deb=$("$root/scripts/package" "$build") || { echo "FAIL package: the build failed"; exit 1; }
version=$(dpkg-deb -f "$deb" Version)
commit=$(git -C "$root" rev-parse --short=7 HEAD 2>/dev/null)
[[ $(basename "$deb") == "rehearse_${version}_$(dpkg --print-architecture).deb" ]] && passed=$((passed + 1)) \
    || { echo "FAIL package name: $deb"; failed=$((failed + 1)); }
# lintian: no error (warnings and notes are listed in docs/packaging.md).
check lintian lintian --fail-on error,warning "$deb"
check control sh -c "dpkg-deb -f '$deb' Depends | grep -q 'pocketsphinx-en-us' &&
    dpkg-deb -f '$deb' Depends | grep -q 'libportaudio2' &&
    dpkg-deb -f '$deb' Depends | grep -q 'libstemmer0d' &&
    dpkg-deb -f '$deb' Depends | grep -q 'libspeexdsp1' &&
    dpkg-deb -f '$deb' Depends | grep -q 'libcurl4' &&
    [ \"\$(dpkg-deb -f '$deb' Section Priority | tr '\n' ' ')\" = 'Section: education Priority: optional ' ] &&
    dpkg-deb -f '$deb' Maintainer | grep -q '<'"
check changelog-version sh -c "[ \"\$(dpkg-deb --fsys-tarfile '$deb' | tar -xO ./usr/share/doc/rehearse/changelog.Debian.gz | gunzip | head -1)\" = 'rehearse ($version) unstable; urgency=medium' ]"

# A user's data home with a session in it, which removal must not touch.
export REHEARSE_HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config
unset REHEARSE_DATA_DIR XDG_DATA_HOME
mkdir -p "$REHEARSE_HOME"
cp -r "$root/tests/data/sessions" "$REHEARSE_HOME/sessions"

"${sudo[@]}" dpkg -r rehearse >/dev/null 2>&1
check install "${sudo[@]}" dpkg -i "$deb"
dpkg -L rehearse | while read -r f; do [[ -d $f ]] || echo "$f"; done >"$tmp/files"
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
for f in /usr/bin/rehearse /usr/lib/$multiarch/rehearse/rehearse-audio.so \
         /usr/share/rehearse/scenarios/data-engineering-45.yaml /usr/share/rehearse/banks/data-engineering.yaml \
         /usr/share/man/man1/rehearse.1.gz /usr/share/doc/rehearse/copyright \
         /usr/share/doc/rehearse/changelog.Debian.gz /usr/share/bash-completion/completions/rehearse \
         /usr/share/zsh/vendor-completions/_rehearse /usr/share/fish/vendor_completions.d/rehearse.fish; do
    grep -qx "$f" "$tmp/files" && passed=$((passed + 1)) || { echo "FAIL not installed: $f"; failed=$((failed + 1)); }
done
# From the installed files: the binary looks next to itself (/usr/share/rehearse) first.
cd /
check version sh -c "[ \"\$(/usr/bin/rehearse --version)\" = 'rehearse ${version%-*}${commit:+ ($commit)}' ]"
check scenarios sh -c "/usr/bin/rehearse scenarios | grep -q '^  data-engineering-45 '"
check man sh -c "[ \"\$(man -w rehearse)\" = /usr/share/man/man1/rehearse.1.gz ]"
check interview sh -c "printf 'a lake keeps raw data\n/done\n/quit\n' | /usr/bin/rehearse run quick-15 --mode typed --seed 3 > '$tmp/run.txt' &&
    /usr/bin/rehearse show last | grep -q 'a lake keeps raw data'"
check audio-module sh -c "/usr/bin/rehearse devices >/dev/null 2>'$tmp/devices.err' || ! grep -q 'rehearse-audio.so' '$tmp/devices.err'"
check bash-completion bash -c "source /usr/share/bash-completion/completions/rehearse;
    COMP_WORDS=(rehearse show ''); COMP_CWORD=2; _rehearse; [[ \" \${COMPREPLY[*]} \" == *' last '* ]]"
(cd "$REHEARSE_HOME" && find . -type f -exec sha256sum {} + | sort -k2) >"$tmp/home.before"

check remove "${sudo[@]}" dpkg -r rehearse
left=$(while read -r f; do [[ -e $f ]] && echo "$f"; done <"$tmp/files")
[[ -z $left ]] && passed=$((passed + 1)) || { echo "FAIL left after removal: $left"; failed=$((failed + 1)); }
[[ ! -e /usr/share/rehearse && ! -e /usr/lib/$multiarch/rehearse && ! -e /usr/share/doc/rehearse ]] \
    && passed=$((passed + 1)) || { echo "FAIL directories left after removal"; failed=$((failed + 1)); }
(cd "$REHEARSE_HOME" && find . -type f -exec sha256sum {} + | sort -k2) >"$tmp/home.after"
cmp -s "$tmp/home.before" "$tmp/home.after" && passed=$((passed + 1)) \
    || { echo "FAIL the data home changed on removal"; diff "$tmp/home.before" "$tmp/home.after" | head; failed=$((failed + 1)); }

# cmake --install into a staging directory, run from there.
check destdir env DESTDIR="$tmp/stage" cmake --install "$build"
stage=$tmp/stage/usr
check staged-version sh -c "'$stage/bin/rehearse' --version | grep -q '^rehearse ${version%-*}'"
check staged-scenarios sh -c "REHEARSE_HOME='$tmp/stagehome' '$stage/bin/rehearse' run quick-15 --dry-run | grep -q '^scenario quick-15'"
check staged-data sh -c "[ -f '$stage/share/rehearse/banks/data-engineering.yaml' ] && [ -f '$stage/lib/$multiarch/rehearse/rehearse-audio.so' ]"

echo "package: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
