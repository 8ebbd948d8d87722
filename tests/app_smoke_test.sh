#!/usr/bin/env bash
# Smoke test: the real app under Xvfb on a demo database. Takes screenshots of
# the whole screen (ImageMagick's import) and fails when the window is blank.
# The PNGs stay in $JINGUO_SCREENSHOT_DIR (default: the test's working folder)
# so that a person can look at them.
#   usage: app_smoke_test.sh /path/to/jinguo /path/to/source
set -euo pipefail
jinguo="$1"
out_dir="${JINGUO_SCREENSHOT_DIR:-$PWD}"
for tool in Xvfb import convert xdotool; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/install-deps.sh installs it)"; exit 1; }
done

source "$(dirname "${BASH_SOURCE[0]}")/xvfb_lib.sh"
start_xvfb 90 120 1600x900x24

"$jinguo" demo --db "$work/demo.db" >"$work/demo.log"
grep -q "已写入演示数据" "$work/demo.log" || { echo "FAIL: demo did not report"; cat "$work/demo.log"; exit 1; }

# A blank window has one or two colours (colours, xvfb_lib.sh).
check_shot() {   # file, what
  local n
  n="$(colours "$1")"
  echo "$2: $1 ($n colours)"
  if [ "$n" -lt 200 ]; then echo "FAIL: $2 looks blank ($n colours)"; exit 1; fi
}

for section in overview volunteers; do
  "$jinguo" --db "$work/demo.db" --section "$section" >"$work/app_$section.log" 2>&1 &
  app=$!
  pids+=("$app")
  wait_for_window "$app" "$work/app_$section.log" "$section"
  shot="$out_dir/smoke_$section.png"
  shoot_when_drawn "$shot"
  check_shot "$shot" "$section (screen)"
  kill "$app"
  wait "$app" 2>/dev/null || true
done

# The app's own screenshot of every section (what the renderer drew).
for section in overview volunteers families posts honours units targets leaderboards import presentation settings help; do
  shot="$out_dir/app_$section.png"
  "$jinguo" --db "$work/demo.db" --section "$section" --screenshot "$shot" --frames 4 >"$work/shot.log" 2>&1 \
    || { echo "FAIL: --screenshot for $section"; cat "$work/shot.log"; exit 1; }
  check_shot "$shot" "$section (app)"
done

# No database and nothing remembered (the --db runs above were): the first-run
# screen (新建 / 打开 / 示例), nothing created.
rm -rf "$XDG_CONFIG_HOME"
"$jinguo" --screenshot "$out_dir/first_run.png" --frames 3 >"$work/first_run.log" 2>&1 \
  || { echo "FAIL: first-run screen"; cat "$work/first_run.log"; exit 1; }
[ ! -e "$work/data/jinguo/jinguo.db" ] || { echo "FAIL: the first-run screen created a database"; exit 1; }
check_shot "$out_dir/first_run.png" "first-run screen"

# The README's run command: no database of the user's yet -> a demo database.
"$jinguo" --demo-if-new --screenshot "$work/first.png" --frames 2 >"$work/first.log" 2>&1 \
  || { echo "FAIL: --demo-if-new"; cat "$work/first.log"; exit 1; }
[ -f "$work/data/jinguo/demo.db" ] || { echo "FAIL: --demo-if-new wrote no demo database"; exit 1; }
[ ! -e "$work/data/jinguo/jinguo.db" ] || { echo "FAIL: --demo-if-new created the user's database"; exit 1; }
check_shot "$work/first.png" "first start (demo)"
# The data folder and the database are the owner's only (issue 14).
[ "$(stat -c %a "$work/data/jinguo")" = 700 ] || { echo "FAIL: data folder is $(stat -c %a "$work/data/jinguo"), not 700"; exit 1; }
[ "$(stat -c %a "$work/data/jinguo/demo.db")" = 600 ] || { echo "FAIL: demo.db is not 600"; exit 1; }
# The preferences remember it (0600, under XDG_CONFIG_HOME, never in the database).
prefs="$XDG_CONFIG_HOME/jinguo/preferences"
[ -f "$prefs" ] || { echo "FAIL: no preferences file at $prefs"; exit 1; }
[ "$(stat -c %a "$prefs")" = 600 ] || { echo "FAIL: preferences are not 600"; exit 1; }
grep -q "^last=$work/data/jinguo/demo.db\$" "$prefs" || { echo "FAIL: demo.db not remembered"; cat "$prefs"; exit 1; }
grep -q "^window=" "$prefs" || { echo "FAIL: window geometry not remembered"; cat "$prefs"; exit 1; }

# The user's own database at the standard path is opened (and remembered) once it exists.
"$jinguo" demo --db "$work/data/jinguo/jinguo.db" >/dev/null
rm -f "$prefs"
"$jinguo" --screenshot "$work/default.png" --frames 2 >/dev/null 2>&1 || { echo "FAIL: default database"; exit 1; }
grep -q "^last=$work/data/jinguo/jinguo.db\$" "$prefs" || { echo "FAIL: jinguo.db not remembered"; cat "$prefs"; exit 1; }
# A corrupt preferences file is ignored.
printf '\377\376garbage\n' >"$prefs"
"$jinguo" --screenshot "$work/default2.png" --frames 2 >/dev/null 2>&1 || { echo "FAIL: corrupt preferences"; exit 1; }
# A database that cannot be opened: the message in a window of its own (and on stderr), exit 1.
: >"$work/empty.db"
if "$jinguo" --db "$work/empty.db" --screenshot "$work/startup_error.png" --frames 3 >"$work/err.log" 2>&1; then
  echo "FAIL: a zero-byte database was opened"; exit 1
fi
grep -q "空文件" "$work/err.log" || { echo "FAIL: no message on stderr"; cat "$work/err.log"; exit 1; }
[ -s "$work/startup_error.png" ] || { echo "FAIL: the start-up error showed no window"; exit 1; }
cp "$work/startup_error.png" "$out_dir/startup_error.png"
[ "$(stat -c %s "$work/empty.db")" = 0 ] || { echo "FAIL: the zero-byte file was written"; exit 1; }
# A damaged database with a backup beside it: the window lists the backup;
# nothing is restored without a click, the damaged file stays as it was.
cp "$work/data/jinguo/jinguo.db" "$work/damaged.db"
"$jinguo" backup --db "$work/damaged.db" >/dev/null 2>&1 || { echo "FAIL: backup for the damaged case"; exit 1; }
printf 'ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ' \
  | dd of="$work/damaged.db" bs=1 seek=100 conv=notrunc status=none
damaged_sum=$(sha256sum "$work/damaged.db" | cut -d' ' -f1)
if "$jinguo" --db "$work/damaged.db" --screenshot "$work/damaged.png" --frames 3 >"$work/damaged.log" 2>&1; then
  echo "FAIL: a damaged database was opened"; exit 1
fi
grep -q "已损坏" "$work/damaged.log" || { echo "FAIL: no 已损坏 on stderr"; cat "$work/damaged.log"; exit 1; }
[ -s "$work/damaged.png" ] || { echo "FAIL: the damaged database showed no window"; exit 1; }
cp "$work/damaged.png" "$out_dir/damaged_database.png"
[ "$(sha256sum "$work/damaged.db" | cut -d' ' -f1)" = "$damaged_sum" ] || { echo "FAIL: the damaged file was changed"; exit 1; }
echo "smoke test passed"
