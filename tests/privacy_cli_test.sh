#!/usr/bin/env bash
# privacy_cli_test.sh — issue 14 through the real executable, no display:
# the demo database and exports are 0600; a damaged database makes `import`
# exit non-zero and leaves the file byte for byte as it was; a zero-byte file
# is refused by every command; `audit-prune` masks a deleted person's numbers.
#   usage: privacy_cli_test.sh /path/to/jinguo /path/to/source
set -euo pipefail
jinguo="$1"
src="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
umask 022
fail() { echo "FAIL: $*"; exit 1; }
mode() { stat -c %a "$1"; }

"$jinguo" demo --db "$work/demo.db" >"$work/demo.log" || fail "demo"
[ "$(mode "$work/demo.db")" = 600 ] || fail "demo.db is $(mode "$work/demo.db"), not 600"
"$jinguo" export --db "$work/demo.db" --table volunteers --out "$work/v.csv" >/dev/null || fail "export csv"
"$jinguo" export --db "$work/demo.db" --table volunteers --out "$work/v.xlsx" >/dev/null || fail "export xlsx"
[ "$(mode "$work/v.csv")" = 600 ] || fail "v.csv is $(mode "$work/v.csv")"
[ "$(mode "$work/v.xlsx")" = 600 ] || fail "v.xlsx is $(mode "$work/v.xlsx")"

roster="$src/tests/data/rosters/gen_utf8.csv"
[ -f "$roster" ] || fail "no roster $roster"

# A database from before files were private (0644) is made 0600 when opened;
# an import's --report-json names people, so it is 0600 too.
cp "$work/demo.db" "$work/old.db"
chmod 644 "$work/old.db"
"$jinguo" import --db "$work/old.db" --kind volunteers --dry-run --report-json "$work/report.json" "$roster" \
  >"$work/old.log" 2>&1 || { cat "$work/old.log"; fail "dry run on the old database"; }
[ "$(mode "$work/old.db")" = 600 ] || fail "old.db is still $(mode "$work/old.db") after opening"
[ "$(mode "$work/report.json")" = 600 ] || fail "report.json is $(mode "$work/report.json"), not 600"

# A damaged database: import refuses, exit 1, the file unchanged.
cp "$work/demo.db" "$work/broken.db"
size=$(stat -c %s "$work/broken.db")
truncate -s $((size / 2)) "$work/broken.db"
sum_before=$(sha256sum "$work/broken.db" | cut -d' ' -f1)
if "$jinguo" import --db "$work/broken.db" --kind volunteers "$roster" >"$work/imp.out" 2>"$work/imp.err"; then
  fail "import into a damaged database exited 0"
fi
grep -q "已损坏" "$work/imp.err" || { cat "$work/imp.err"; fail "no 已损坏 message"; }
[ "$(sha256sum "$work/broken.db" | cut -d' ' -f1)" = "$sum_before" ] || fail "the damaged file was changed"

# A zero-byte file: refused by import, export, leaderboard, targets, demo; still zero bytes.
: >"$work/empty.db"
for cmd in "import --db $work/empty.db --kind volunteers $roster" \
           "export --db $work/empty.db --table volunteers --out $work/e.csv" \
           "leaderboard --db $work/empty.db --board volunteers" \
           "targets --db $work/empty.db" \
           "demo --db $work/empty.db" \
           "audit-prune --db $work/empty.db"; do
  # shellcheck disable=SC2086
  if "$jinguo" $cmd >"$work/z.out" 2>"$work/z.err"; then fail "$cmd accepted a zero-byte file"; fi
  grep -q "空文件" "$work/z.err" || { cat "$work/z.err"; fail "$cmd: no 空文件 message"; }
  [ "$(stat -c %s "$work/empty.db")" = 0 ] || fail "$cmd wrote into the zero-byte file"
done

# audit-prune: arguments, and a run on the demo database.
"$jinguo" audit-prune --db "$work/demo.db" --days 0 >"$work/prune.out" || fail "audit-prune"
grep -q "保留期限：0天" "$work/prune.out" || { cat "$work/prune.out"; fail "audit-prune said nothing"; }
if "$jinguo" audit-prune --db "$work/demo.db" --days x 2>/dev/null; then fail "--days x accepted"; fi
echo "privacy cli test passed"
