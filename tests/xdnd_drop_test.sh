#!/usr/bin/env bash
# XDND on a real X server: runs the protocol test of platform_tests (which
# plays a file manager dragging a file onto a window watched by XdndReceiver)
# on a private Xvfb. The doctest case skips itself without DISPLAY; here it
# must run and pass.
#
# Usage: bash xdnd_drop_test.sh /path/to/jinguo /path/to/source-root
set -u
JINGUO=${1:?usage: xdnd_drop_test.sh /path/to/jinguo /path/to/source-root}
TESTS="$(dirname "$JINGUO")/tests/platform_tests"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
[ -x "$TESTS" ] || fail "$TESTS is not built"
command -v Xvfb >/dev/null 2>&1 || fail "Xvfb missing; install with: apt-get install --no-install-recommends xvfb"

WORK=$(mktemp -d /tmp/jinguo-xdnd-test.XXXXXX)
XVFB=
cleanup() {
    [ -n "$XVFB" ] && kill "$XVFB" 2>/dev/null && wait "$XVFB" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A private display: the first free number from :81 to :89.
for n in 81 82 83 84 85 86 87 88 89; do
    [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] && continue
    Xvfb ":$n" -nolisten tcp -noreset -screen 0 640x480x24 >"$WORK/xvfb.log" 2>&1 &
    XVFB=$!
    for _ in $(seq 100); do
        kill -0 "$XVFB" 2>/dev/null || break   # lost the race for this number
        [ -e "/tmp/.X11-unix/X$n" ] && break
        sleep 0.1
    done
    if kill -0 "$XVFB" 2>/dev/null && [ -e "/tmp/.X11-unix/X$n" ]; then
        export DISPLAY=":$n"
        break
    fi
    wait "$XVFB" 2>/dev/null
    XVFB=
done
[ -n "$XVFB" ] || fail "no free display for Xvfb in :81-:89"

out=$("$TESTS" -tc='XDND*' 2>&1)
rc=$?
echo "$out"
[ $rc -eq 0 ] || fail "platform_tests -tc='XDND*' exited $rc"
echo "$out" | grep -q "test cases: *2 | *2 passed" || fail "the XDND tests did not run"
echo "PASS: a file dropped through XDND arrived as its path"
