#!/bin/sh
# Install the Debian packages listed in deps.txt that are missing.
# Idempotent and silent when nothing is missing; needs root or sudo.
# With --check (make check), install nothing: name what is missing, fail.
set -eu
mode=${1:-install}
here=$(dirname "$0")/..
list=$(grep -v '^[[:space:]]*#' "$here/deps.txt" | grep -v '^[[:space:]]*$')
[ -n "${PARPACK_EXTRA_DEPS:-}" ] && list="$list $PARPACK_EXTRA_DEPS"
missing=""
for p in $list; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
        || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$mode" = --check ]; then
    echo "make check: missing Debian packages:$missing" >&2
    echo "make check: install them (apt-get install$missing) or run make test" >&2
    exit 1
fi
echo "make deps: installing:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
