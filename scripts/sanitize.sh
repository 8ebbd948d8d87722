#!/usr/bin/env bash
# The C++ test suites under AddressSanitizer + UndefinedBehaviorSanitizer
# (with LeakSanitizer): one command, not part of CI (it takes several minutes
# on two cores). Usage: scripts/sanitize.sh [ctest arguments…]
#   build dir: build-asan (GCC; any compiler with -fsanitize works)
#   any UB aborts the test (-fno-sanitize-recover); leaks fail the suite.
# Leaks inside system libraries we do not own are listed, with the reason, in
# tests/lsan.supp; our own code is never suppressed there.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${JINGUO_ASAN_BUILD:-build-asan}
jobs=${JOBS:-2}
flags="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
suites=(core_tests storage_tests cli_tests ui_tests platform_tests)
cmake --build "$build" -j"$jobs" --target "${suites[@]}"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
status=0
ctest --test-dir "$build" --output-on-failure -R '^(core|storage|cli|ui)_tests$' "$@" || status=1
# platform_tests calls fontconfig, whose one known leak (tests/lsan.supp) is
# matched by function name: that needs the slow unwinder, because the fast one
# stops at fontconfig's frames (built without frame pointers). Cheap here (~2 s).
ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0" \
  ctest --test-dir "$build" --output-on-failure -R '^platform_tests$' "$@" || status=1
exit $status
