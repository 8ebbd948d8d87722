#!/usr/bin/env bash
# `jinguo snapshot` under Xvfb: --slide all writes one PNG per slide of the
# saved show at the asked size, none of them blank; 3840x2160 works; an empty
# database still gives every slide (暂无数据); bad arguments get a Chinese
# message and a non-zero exit. The PNGs stay in $JINGUO_SCREENSHOT_DIR
# (default: the test's working folder) for a person to look at.
#   usage: snapshot_test.sh /path/to/jinguo /path/to/source
set -euo pipefail
jinguo="$1"
out_dir="${JINGUO_SCREENSHOT_DIR:-$PWD}/snapshot_slides"
for tool in Xvfb convert xdpyinfo; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/install-deps.sh installs it)"; exit 1; }
done

source "$(dirname "${BASH_SOURCE[0]}")/xvfb_lib.sh"
start_xvfb 121 150 1280x720x24

"$jinguo" demo --db "$work/demo.db" >"$work/demo.log"

fail() { echo "FAIL: $*"; exit 1; }

# size and distinct colours of a PNG; a blank slide has one or two colours.
check_png() {   # file width height
  [ -f "$1" ] || fail "missing $1"
  local info w h k
  info="$(convert "$1" -format '%w %h %k' info:)"
  read -r w h k <<<"$info"
  echo "$1: ${w}x${h}, $k colours"
  [ "$w" = "$2" ] && [ "$h" = "$3" ] || fail "$1 is ${w}x${h}, expected $2x$3"
  [ "$k" -ge 500 ] || fail "$1 looks blank ($k colours)"
}

# ---- every slide of the demo at 1920x1080
rm -rf "$out_dir"
"$jinguo" snapshot --db "$work/demo.db" --slide all --out "$out_dir" --today 2026-11-29 >"$work/all.log" 2>&1 \
  || { cat "$work/all.log"; fail "snapshot --slide all failed"; }
count="$(find "$out_dir" -name '*.png' | wc -l)"
[ "$count" -eq 6 ] || fail "expected 6 PNGs (one per slide), found $count"
for f in "$out_dir"/*.png; do check_png "$f" 1920 1080; done
[ -z "$(find "$out_dir" -name '*.part.png')" ] || fail "a partial file was left behind"

# ---- one slide at 3840x2160
"$jinguo" snapshot --db "$work/demo.db" --slide 2 --size 3840x2160 --out "$work/big.png" --today 2026-11-29 >"$work/big.log" 2>&1 \
  || { cat "$work/big.log"; fail "snapshot at 3840x2160 failed"; }
check_png "$work/big.png" 3840 2160

# ---- an empty database: every slide says 暂无数据 rather than failing
# import creates and migrates a missing database, and keeps it when the import
# succeeds: a roster with its header and no rows (a dry run or a refused file
# leaves no database behind)
printf '姓名,身份证号\n' > "$work/header_only.csv"
"$jinguo" import --db "$work/empty.db" --kind volunteers "$work/header_only.csv" >/dev/null 2>&1 || true
[ -f "$work/empty.db" ] || fail "could not create an empty database"
"$jinguo" snapshot --db "$work/empty.db" --slide all --out "$work/empty" --today 2026-11-29 >"$work/empty.log" 2>&1 \
  || { cat "$work/empty.log"; fail "snapshot of an empty database failed"; }
[ "$(find "$work/empty" -name '*.png' | wc -l)" -eq 6 ] || fail "empty database: expected 6 PNGs"
for f in "$work/empty"/*.png; do check_png "$f" 1920 1080; done
cp "$work/empty/01-figures.png" "$out_dir/empty-database-figures.png"

# ---- bad arguments: a Chinese message, a non-zero exit, nothing written
expect_refusal() {   # expected-exit pattern-in-stderr args...
  local code="$1" pattern="$2"
  shift 2
  set +e
  "$jinguo" "$@" >"$work/out.log" 2>"$work/err.log"
  local rc=$?
  set -e
  [ "$rc" -ne 0 ] || fail "'$*' exited 0"
  [ "$rc" -eq "$code" ] || fail "'$*' exited $rc, expected $code"
  grep -q -- "$pattern" "$work/err.log" || { cat "$work/err.log"; fail "'$*' did not say '$pattern'"; }
  echo "refused as expected: $* -> $(head -1 "$work/err.log")"
}
expect_refusal 2 "--size 应写成" snapshot --db "$work/demo.db" --slide 1 --out "$work/x.png" --size 100x100
expect_refusal 2 "--size 应写成" snapshot --db "$work/demo.db" --slide 1 --out "$work/x.png" --size big
expect_refusal 2 "超出范围" snapshot --db "$work/demo.db" --slide 9 --out "$work/x.png"
expect_refusal 2 "没有名为" snapshot --db "$work/demo.db" --slide bogus --out "$work/x.png"
expect_refusal 2 "需要用 --slide" snapshot --db "$work/demo.db" --out "$work/x.png"
expect_refusal 2 "应为 .png 文件" snapshot --db "$work/demo.db" --slide 1 --out "$work/x.jpg"
expect_refusal 2 "是一个文件" snapshot --db "$work/demo.db" --slide all --out "$work/big.png"
expect_refusal 2 "不存在" snapshot --db "$work/demo.db" --slide 1 --out "$work/no/such/folder/x.png"
expect_refusal 1 "找不到数据库文件" snapshot --db "$work/missing.db" --slide 1 --out "$work/x.png"
(unset DISPLAY; expect_refusal 1 "需要图形显示" snapshot --db "$work/demo.db" --slide 1 --out "$work/x.png")
[ ! -e "$work/x.png" ] || fail "a refused snapshot wrote a file"
echo "PASS: snapshot"
