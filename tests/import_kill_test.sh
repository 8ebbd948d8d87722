#!/usr/bin/env bash
# A kill -9 in the middle of a big import leaves the database exactly as it
# was: integrity_check ok, the same rows, no partial batch.
#   usage: import_kill_test.sh /path/to/jinguo /path/to/source
set -euo pipefail
jinguo="$1"
command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 is missing (scripts/install-deps.sh installs it)"; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# N roster rows with valid ID numbers (GB 11643 MOD 11-2), written by awk so
# that the test needs nothing beyond the base system.
make_roster() {   # rows, first sequence number, file
  awk -v n="$1" -v start="$2" 'BEGIN {
    split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ");
    split("1 0 X 9 8 7 6 5 4 3 2", c, " ");
    print "姓名,身份证号,手机号,服务时长(小时)";
    for (i = 0; i < n; i++) {
      s = start + i;
      id = sprintf("110105%04d%02d%02d%03d", 1950 + int(s / 336000) % 50, 1 + int(s / 28000) % 12, 1 + int(s / 1000) % 28, s % 1000);
      sum = 0;
      for (k = 1; k <= 17; k++) sum += substr(id, k, 1) * w[k];
      printf "志愿者%d,%s%s,138%08d,%d\n", s, id, c[sum % 11 + 1], s % 100000000, s % 500;
    }
  }' > "$3"
}

make_roster 50 0 "$work/small.csv"
make_roster 600000 100000 "$work/big.csv"

db="$work/kill.db"
"$jinguo" import --db "$db" --kind volunteers "$work/small.csv" >/dev/null
snapshot() { sqlite3 "$db" "SELECT count(*) FROM person; SELECT count(*) FROM import_batch; SELECT group_concat(id_number) FROM (SELECT id_number FROM person ORDER BY id);" | sha256sum; }
before="$(snapshot)"

"$jinguo" import --db "$db" --kind volunteers "$work/big.csv" >/dev/null 2>&1 &
pid=$!
# Wait until the import is writing (its WAL grows), then kill it hard.
for _ in $(seq 600); do   # up to 30 s: a loaded machine reads the file slowly
  size=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
  [ "$size" -gt 20000000 ] && break
  kill -0 "$pid" 2>/dev/null || { echo "FAIL: the import finished before it could be killed"; exit 1; }
  sleep 0.05
done
echo "killed the import with its WAL at $size bytes"
kill -9 "$pid"
wait "$pid" 2>/dev/null || true

[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = "ok" ] || { echo "FAIL: integrity_check"; exit 1; }
after="$(snapshot)"
[ "$before" = "$after" ] || { echo "FAIL: the killed import left rows behind"; exit 1; }
[ "$(sqlite3 "$db" 'SELECT count(*) FROM import_batch WHERE finished_at IS NULL')" = "0" ] \
  || { echo "FAIL: a partial batch is recorded"; exit 1; }
[ "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_schema WHERE name = 'person_id_number'")" = "1" ] \
  || { echo "FAIL: the unique index on ID numbers is missing after the rollback"; exit 1; }
# A big import suspends the volunteer list's per-row triggers inside its
# transaction (storage/person_list_bulk.hpp): the kill must leave them all.
[ "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name IN ('person_list_after_insert',
   'person_gram_before_insert', 'person_gram_after_insert', 'person_gram_count_insert')")" = "4" ] \
  || { echo "FAIL: a per-row trigger of the volunteer list is missing after the rollback"; exit 1; }
# and person's own insert triggers with them (storage/new_people_bulk.hpp).
[ "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name IN ('unit_tally_person_insert',
   'unit_hours_person_insert', 'badge_dirty_person_insert')")" = "3" ] \
  || { echo "FAIL: a per-row insert trigger of person is missing after the rollback"; exit 1; }
echo "1 passed, 0 failed"
