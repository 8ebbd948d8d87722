#!/usr/bin/env bash
# Every board × metric × period × scope (`leaderboard --json`) and the targets
# of three years (`targets --json`) of one binary on one database, into OUT:
# run it with the old and the new binary on two copies of the same demo
# database and `cmp` the two files (issue 17: byte-identical before/after).
# Not run by CTest (it takes minutes).
#   usage: boards_json_compare.sh JINGUO DB OUT
# On the 1M/5M database each run opens (a full quick_check, ~15 s): narrow it
# with BOARDS_PERIODS, BOARDS_SPECS ("volunteers points;communities hours"),
# BOARDS_SCOPES and BOARDS_TARGET_YEARS ("" for none).
set -euo pipefail
jinguo="$1"; db="$2"; out="$3"
: > "$out"
periods="${BOARDS_PERIODS-all 2024 2025 2026 2025Q4 2026Q1 2026Q2 2026Q3 2026Q4 2026-01 2026-06 2026-11 2025-12}"
scopes="${BOARDS_SCOPES-- 江滨街道 望月社区}"
specs="${BOARDS_SPECS-volunteers points;volunteers hours;communities points;communities hours;communities titles;communities rate;streets points;streets hours;streets rate;streets titles;posts points;posts score}"
IFS=';' read -r -a specList <<< "$specs"
for period in $periods; do
  for spec in "${specList[@]}"; do
    set -- $spec
    for scope in $scopes; do
      echo "== $1 $2 $period $scope" >> "$out"
      scopeArgs=()
      [ "$scope" = "-" ] || scopeArgs=(--scope "$scope")
      # A streets board of a community is refused: the refusal is compared too.
      "$jinguo" leaderboard --db "$db" --board "$1" --metric "$2" --period "$period" "${scopeArgs[@]}" \
        --today 2026-12-05 --json >> "$out" 2>&1 || echo "rc=$?" >> "$out"
    done
  done
done
for year in ${BOARDS_TARGET_YEARS-2024 2025 2026}; do
  echo "== targets $year" >> "$out"
  "$jinguo" targets --db "$db" --year "$year" --today 2026-12-05 --json >> "$out"
done
