#!/usr/bin/env python3
"""pg_triggers_from_sqlite.py — drafts the PL/pgSQL form of SQLite's triggers.

Usage: pg_triggers_from_sqlite.py OLD.db NEW.db > block.sql
  OLD.db, NEW.db: SQLite files migrated to two versions (OLD may be empty
  ':none'); prints DROPs for triggers gone or changed and the PL/pgSQL of
  triggers new or changed between them. The output is pasted into the PG
  pair (db/migrations_pg) and checked by tests/pg_triggers_test.cpp: this is
  a drafting aid, not a build step.

Mapping (README "For developers", PostgreSQL triggers):
  * one function per trigger, same name; BEFORE returns NEW (OLD on
    DELETE), AFTER returns NULL; WHEN goes on the trigger (PG allows no
    subquery there: then it becomes an IF in the function).
  * firing order: SQLite fires the newest trigger first, PostgreSQL by name;
    the trigger's name gets a prefix oNNNN_ (9999 - its sqlite_schema rowid).
  * IS / IS NOT -> IS NOT DISTINCT FROM / IS DISTINCT FROM; ifnull ->
    coalesce; total(x) -> coalesce(sum(x), 0); WHERE 1 -> WHERE true;
    ON CONFLICT DO UPDATE gets the target's primary key and its SET values
    name the target's columns (table.col); subqueries in FROM
    get an alias; date(d, '+0 days') IS d -> jinguo_valid_day(d);
    date(d, 'start of month', '+1 month', '-1 day') -> jinguo_month_end(d);
    a truth value used as a number gets ::int; GLOB -> a ~ regex; a badge
    mark's DELETE + INSERT -> one upsert (BADGE_MARK_UPSERT says why);
    CAST(x AS INTEGER) -> jinguo_int(x) (SQLite's reading of a malformed day).

Not done here (by hand in the pairs, since 0044): json_each(jinguo_family_grams(
  x, '', '')) j -> jinguo_title_grams(x) AS j(value); lower() of a title text
  -> jinguo_ascii_lower(); group_concat(x, char(31)) over an ordered subquery
  -> string_agg(x, chr(31) ORDER BY x COLLATE "C"). And a delta trigger that
  reads its table's other rows (0044's on award and award_title) is written
  FOR EACH STATEMENT with transition tables: this script drafts it per row,
  which PostgreSQL runs after the whole statement (README).
"""
import re
import sqlite3
import sys

SKIP_PREFIXES = ("person_list_", "person_gram_", "family_gram_insert", "family_gram_update",
                 "family_gram_delete", "family_search_", "honour_list_", "family_gram_count_titles_")


def skipped(name):
    return name.startswith(SKIP_PREFIXES)


COLUMNS = {}   # table -> its column names (the ON CONFLICT qualification)


def triggers(path):
    if path == ":none":
        return {}, {}
    db = sqlite3.connect(path)
    rows = db.execute("SELECT name, sql, rowid, tbl_name FROM sqlite_schema WHERE type = 'trigger'").fetchall()
    keys = {}
    for (t,) in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'"):
        info = list(db.execute(f"PRAGMA table_info('{t}')"))
        cols = sorted((pk, name) for _, name, _, _, _, pk in info if pk)
        keys[t] = [c for _, c in cols]
        COLUMNS[t] = {name for _, name, _, _, _, _ in info}
    return {r[0]: r for r in rows}, keys


def qualify_outside_subqueries(expr, table):
    """Bare columns of `table` in an upsert's SET value -> table.column:
    PostgreSQL finds `hours` ambiguous beside excluded.hours, SQLite reads the
    existing row. Identifiers inside a (SELECT …) are left alone."""
    out, i, opaque = [], 0, []
    while i < len(expr):
        c = expr[i]
        if c == "'":
            j = expr.index("'", i + 1) + 1
            out.append(expr[i:j])
            i = j
            continue
        if c == "(":
            opaque.append(bool(re.match(r"\(\s*SELECT\b", expr[i:], re.I)))
        elif c == ")":
            opaque.pop()
        m = re.match(r"[A-Za-z_]\w*", expr[i:])
        if m:
            word = m.group(0)
            before = expr[:i].rstrip()
            after = expr[i + len(word):].lstrip()
            if (word in COLUMNS[table] and not any(opaque) and not before.endswith(".")
                    and not after.startswith("(") and not after.startswith(".")):
                out.append(table + "." + word)
            else:
                out.append(word)
            i += len(word)
            continue
        out.append(c)
        i += 1
    return "".join(out)


def qualify_upsert(stmt, table):
    m = re.search(r"\bDO UPDATE SET\b", stmt, re.I)
    if not m:
        return stmt
    tail = stmt[m.end():]
    tl = top_level(tail)
    where = re.search(r"\bWHERE\b", tl, re.I)
    # top_level keeps depth-0 characters only: map the WHERE back by position
    cut = len(tail)
    if where:
        depth, kept = 0, 0
        for j, ch in enumerate(tail):
            if ch == "(":
                depth += 1
            if depth == 0:
                if kept == where.start():
                    cut = j
                    break
                kept += 1
            if ch == ")":
                depth -= 1
    items = []
    for item in split_top(tail[:cut]):
        lhs, rhs = item.split("=", 1)
        items.append(lhs + "=" + qualify_outside_subqueries(rhs, table))
    rest = tail[cut:]
    if rest:
        rest = qualify_outside_subqueries(rest, table)
    return stmt[:m.end()] + ",".join(items) + rest


def match_paren(s, i):
    """Index of the ')' closing the '(' at s[i]."""
    depth = 0
    for j in range(i, len(s)):
        if s[j] == "(":
            depth += 1
        elif s[j] == ")":
            depth -= 1
            if depth == 0:
                return j
    raise ValueError("unbalanced: " + s[i:i + 80])


def replace_calls(s, fname, make):
    out, i = [], 0
    pat = re.compile(r"\b" + fname + r"\s*\(", re.I)
    while True:
        m = pat.search(s, i)
        if not m:
            out.append(s[i:])
            return "".join(out)
        open_at = m.end() - 1
        close = match_paren(s, open_at)
        out.append(s[i:m.start()])
        out.append(make(s[open_at + 1:close]))
        i = close + 1


def alias_from_subqueries(s):
    out, i, n = [], 0, 0
    pat = re.compile(r"\bFROM\s*\(\s*SELECT\b", re.I)
    while True:
        m = pat.search(s, i)
        if not m:
            out.append(s[i:])
            return "".join(out)
        open_at = s.index("(", m.start())
        close = match_paren(s, open_at)
        out.append(s[i:open_at + 1] + alias_from_subqueries(s[open_at + 1:close]) + ")")
        rest = s[close + 1:]
        if not re.match(r"\s*(AS\s+)?(?!WHERE\b|GROUP\b|ORDER\b|UNION\b|ON\b|LIMIT\b)[A-Za-z_]\w*", rest, re.I):
            n += 1
            out.append(f" AS sub{n}")
        i = close + 1


BOOLEAN_AT_TOP = re.compile(r"\b(AND|OR|IS|EXISTS|NOT)\b|<>|[^<>!]=|<|>", re.I)


def top_level(s):
    """s with every parenthesised part blanked."""
    out, depth = [], 0
    for c in s:
        if c == "(":
            depth += 1
        if depth == 0:
            out.append(c)
        if c == ")":
            depth -= 1
    return "".join(out)


def cast_truth_in_arithmetic(s):
    """`x - (a IS NOT NULL AND …)`: SQLite's 0/1 truth values as numbers."""
    out, i = [], 0
    pat = re.compile(r"\(")
    while True:
        m = pat.search(s, i)
        if not m:
            out.append(s[i:])
            return "".join(out)
        open_at = m.end() - 1
        close = match_paren(s, open_at)
        inner = s[open_at + 1:close]
        beside_arithmetic = re.search(r"([-+*]|[^<>!]=|<>)\s*$", s[:open_at]) or re.match(r"\s*([-+*]|=|<>)", s[close + 1:])
        if beside_arithmetic and BOOLEAN_AT_TOP.search(top_level(inner)) and not inner.lstrip().upper().startswith("SELECT"):
            out.append(s[i:open_at] + "(" + cast_truth_in_arithmetic(inner) + ")::int")
        else:
            out.append(s[i:open_at + 1] + cast_truth_in_arithmetic(inner) + ")")
        i = close + 1


def split_top(s, sep=","):
    parts, depth, cur = [], 0, []
    for c in s:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        if c == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    parts.append("".join(cur))
    return parts


def truth_as_number(item):
    if BOOLEAN_AT_TOP.search(top_level(item)) and not re.search(r"\bCASE\b", top_level(item), re.I):
        lead = item[:len(item) - len(item.lstrip())]
        trail = item[len(item.rstrip()):]
        return f"{lead}({item.strip()})::int{trail}"
    return item


def cast_truth_in_values(stmt):
    """INSERT … VALUES (a, b IS NOT NULL, 1): a truth value into a number column."""
    m = re.match(r"(\s*INSERT INTO \w+\s*\([^)]*\)\s*VALUES\s*)\(", stmt, re.I | re.S)
    if not m:
        return stmt
    open_at = m.end() - 1
    close = match_paren(stmt, open_at)
    items = [truth_as_number(it) for it in split_top(stmt[open_at + 1:close])]
    return stmt[:open_at + 1] + ",".join(items) + stmt[close:]


def cast_truth_in_select_lists(stmt):
    """INSERT … SELECT a, b IS NOT NULL AND …, c: a truth value into a number column."""
    m = re.match(r"(\s*INSERT INTO \w+\s*\([^)]*\)\s*SELECT\s+(?:DISTINCT\s+)?)", stmt, re.I | re.S)
    if not m:
        return stmt
    rest = stmt[m.end():]
    # the select list ends at the first top-level FROM/WHERE/ON CONFLICT/UNION
    tl = top_level(rest)
    end = re.search(r"\b(FROM|WHERE|ON CONFLICT|UNION|GROUP)\b", tl, re.I)
    cut = end.start() if end else len(rest)
    # map top-level index back: top_level keeps only depth-0 chars, so find by counting
    depth, kept, idx = 0, 0, len(rest)
    for j, c in enumerate(rest):
        if c == "(":
            depth += 1
        if depth == 0:
            if kept == cut:
                idx = j
                break
            kept += 1
        if c == ")":
            depth -= 1
    items = split_top(rest[:idx])
    fixed = []
    for it in items:
        if BOOLEAN_AT_TOP.search(top_level(it)) and not re.search(r"\bCASE\b", top_level(it), re.I):
            lead = it[:len(it) - len(it.lstrip())]
            trail = it[len(it.rstrip()):]
            fixed.append(f"{lead}({it.strip()})::int{trail}")
        else:
            fixed.append(it)
    return m.group(1) + ",".join(fixed) + rest[idx:]


def glob_to_regex(m):
    pattern = m.group(2).replace(".", "\\.").replace("*", ".*").replace("?", ".")
    return ("!~" if m.group(1) else "~") + " '^" + pattern + "$'"


def cast_integer(inner):
    """CAST(x AS INTEGER): SQLite reads x's leading digits (0 when none),
    PostgreSQL refuses such text — jinguo_int (the baseline) reads as SQLite."""
    m = re.match(r"(.*)\s+AS\s+INTEGER\s*$", inner, re.S | re.I)
    if not m:
        return "CAST(" + inner + ")"
    return "jinguo_int(" + m.group(1).strip() + ")"


def translate_expr(s):
    s = re.sub(r"(NOT\s+)?GLOB\s+'([^']*)'", glob_to_regex, s)
    s = re.sub(r"date\((\w+\.\w+|\w+), '\+0 days'\) IS \1", r"jinguo_valid_day(\1)", s)
    s = re.sub(r"date\((\w+\.\w+|\w+), 'start of month', '\+1 month', '-1 day'\)", r"jinguo_month_end(\1)", s)
    s = re.sub(r"\bIS NOT\b(?!\s+(NULL|DISTINCT|TRUE|FALSE)\b)", "IS DISTINCT FROM", s, flags=re.I)
    s = re.sub(r"\bIS\b(?!\s+(NOT|NULL|DISTINCT|TRUE|FALSE)\b)", "IS NOT DISTINCT FROM", s, flags=re.I)
    s = re.sub(r"\bifnull\s*\(", "coalesce(", s, flags=re.I)
    s = replace_calls(s, "CAST", lambda a: cast_integer(a))
    s = replace_calls(s, "total", lambda a: f"coalesce(sum({a}), 0)")
    s = re.sub(r"\bWHERE 1\b(?!\s*[=<>])", "WHERE true", s)
    s = re.sub(r"\bAND 1\)", "AND true)", s)
    s = re.sub(r"\blag\((\w+ [<>=]+ \w+)\)", r"lag((\1)::int)", s)
    s = alias_from_subqueries(s)
    s = cast_truth_in_arithmetic(s)
    return s


def translate_statement(stmt, keys):
    stmt = translate_expr(stmt)
    stmt = cast_truth_in_select_lists(stmt)
    stmt = cast_truth_in_values(stmt)
    m = re.match(r"\s*INSERT INTO (\w+)", stmt, re.I)
    if m and re.search(r"ON CONFLICT DO UPDATE", stmt, re.I):
        stmt = re.sub(r"ON CONFLICT DO UPDATE", f"ON CONFLICT ({', '.join(keys[m.group(1)])}) DO UPDATE", stmt, flags=re.I)
    if m and re.search(r"DO UPDATE SET", stmt, re.I):
        stmt = qualify_upsert(stmt, m.group(1))
    if re.match(r"\s*SELECT\b", stmt, re.I):
        stmt = re.sub(r"^(\s*)SELECT", r"\1PERFORM", stmt, flags=re.I)
    return stmt


# A badge mark is re-made (DELETE + INSERT: a new seq, "changed after the
# evaluation read it"). On PostgreSQL that pair, run per row in one
# transaction, is quadratic (every dead version of the row stays in the
# unique index until commit: 5,000 marks of one row 7.9 s, the next 5,000
# 22.7 s): one upsert instead, which gives the mark a new seq the first time
# a transaction touches it and leaves it alone after (xmin is this
# transaction's: the mark is already newer than anything committed).
BADGE_MARK_UPSERT = (" ON CONFLICT (scope, id) DO UPDATE SET seq = excluded.seq"
                     " WHERE badge_dirty.xmin <> pg_current_xact_id()::xid")


def badge_marks_as_upserts(stmts):
    out = []
    for i, st in enumerate(stmts):
        if re.match(r"\s*DELETE FROM badge_dirty\b", st):
            if i + 1 >= len(stmts) or not re.match(r"\s*INSERT INTO badge_dirty\b", stmts[i + 1]):
                raise ValueError("a badge mark's DELETE without its INSERT: " + st)
            continue
        if re.match(r"\s*INSERT INTO badge_dirty\b", st):
            if "ON CONFLICT" in st.upper():
                raise ValueError("a badge mark already an upsert: " + st)
            st = st.rstrip() + BADGE_MARK_UPSERT
        out.append(st)
    return out


HEADER = re.compile(r"CREATE TRIGGER (\w+)\s+(BEFORE|AFTER)\s+(INSERT|DELETE|UPDATE(?:\s+OF\s+[\w,\s]+?)?)\s+ON\s+(\w+)"
                    r"\s*(?:FOR EACH ROW\s*)?(?:WHEN\s+(.*?))?\s*\bBEGIN\b(.*)\bEND\s*$", re.S | re.I)


def translate(name, sql, rowid, keys):
    m = HEADER.match(sql.strip())
    if not m:
        raise ValueError("cannot read trigger " + name)
    _, timing, event, table, when, body = m.groups()
    event = re.sub(r"\s+", " ", event.strip())
    ret = "NULL" if timing.upper() == "AFTER" else ("OLD" if event.upper() == "DELETE" else "NEW")
    stmts = [translate_statement(s, keys) for s in split_top(body, ";") if s.strip()]
    stmts = badge_marks_as_upserts(stmts)
    lines = [f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$", "BEGIN"]
    when_sql = translate_expr(when.strip()) if when else None
    trigger_when = ""
    if when_sql and re.search(r"\bSELECT\b", when_sql, re.I):
        lines.append(f"    IF ({when_sql}) IS NOT TRUE THEN RETURN {ret}; END IF;")
    elif when_sql:
        trigger_when = f"\n    WHEN ({when_sql})"
    for s in stmts:
        lines.append("    " + s.strip() + ";")
    lines += [f"    RETURN {ret};", "END", "$$;"]
    lines.append(f"CREATE TRIGGER o{9999 - rowid:04d}_{name} {timing.upper()} {event} ON {table} FOR EACH ROW"
                 f"{trigger_when}\n    EXECUTE FUNCTION {name}();")
    return "\n".join(lines)


def main():
    old, _ = triggers(sys.argv[1])
    new, keys = triggers(sys.argv[2])
    out = []
    for name in sorted(old, key=lambda n: old[n][2]):
        if skipped(name):
            continue
        if name not in new or new[name][1] != old[name][1] or new[name][2] != old[name][2]:
            out.append(f"DROP TRIGGER o{9999 - old[name][2]:04d}_{name} ON {old[name][3]};")
            out.append(f"DROP FUNCTION {name}();")
    for name in sorted(new, key=lambda n: new[n][2]):
        if skipped(name) or (name in old and old[name][1:3] == new[name][1:3]):
            continue
        out.append(translate(name, new[name][1], new[name][2], keys))
    print("\n\n".join(out))


if __name__ == "__main__":
    main()
