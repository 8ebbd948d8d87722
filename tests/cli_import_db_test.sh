#!/bin/bash
# cli_import_db_test.sh JINGUO SOURCE_DIR — `jinguo import` creates no
# database when it imports nothing (a dry run, a refused file, no header),
# and never removes one that was there before.
set -u
jinguo=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
check() { if ! eval "$1"; then echo "FAILED: $2"; fail=1; fi; }
good="$source_dir/tests/data/rosters/gen_utf8.csv"
xls="$source_dir/tests/data/rosters/libreoffice_roster.xls"
printf '甲,乙\n1,2\n' > "$work/noheader.csv"

"$jinguo" import --db "$work/dry.db" --kind volunteers --dry-run "$good" > "$work/out1" 2>&1
check '[ $? -eq 0 ]' "a dry run succeeds"
check '[ ! -e "$work/dry.db" ] && [ ! -e "$work/dry.db-wal" ] && [ ! -e "$work/dry.db-shm" ]' "a dry run leaves no new database"

"$jinguo" import --db "$work/refused.db" --kind volunteers --report-json "$work/r.json" "$xls" > "$work/out2" 2>&1
check '[ $? -ne 0 ]' "a refused file fails"
check '[ ! -e "$work/refused.db" ]' "a refused file leaves no new database"
check 'grep -q unsupported_format "$work/r.json"' "a refused file writes its report"

"$jinguo" import --db "$work/noheader.db" --kind volunteers "$work/noheader.csv" > "$work/out3" 2>&1
check '[ $? -ne 0 ]' "no header row fails"
check '[ ! -e "$work/noheader.db" ]' "no header row leaves no new database"
check 'grep -q "没有找到表头行" "$work/out3"' "no header row is said on the console"

"$jinguo" import --db "$work/real.db" --kind volunteers "$good" > "$work/out4" 2>&1
check '[ $? -eq 0 ] && [ -s "$work/real.db" ]' "a real import creates the database"
"$jinguo" import --db "$work/real.db" --kind volunteers "$xls" > "$work/out5" 2>&1
check '[ $? -ne 0 ] && [ -s "$work/real.db" ]' "a refused file never removes a database that was there"
"$jinguo" import --db "$work/real.db" --kind volunteers --dry-run "$good" > "$work/out6" 2>&1
check '[ -s "$work/real.db" ]' "a dry run never removes a database that was there"

if [ $fail -ne 0 ]; then
    for f in "$work"/out*; do echo "== $f"; cat "$f"; done
    exit 1
fi
echo "cli_import_db_test passed"
