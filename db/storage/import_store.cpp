// import_store.cpp — batches, upserts by ID number, undo.
#include "storage/import_store.hpp"

namespace jinguo::storage {

namespace {

ImportBatch readBatch(Statement& st) {
    ImportBatch b;
    b.id = st.columnInt(0);
    b.kind = st.columnText(1);
    b.fileName = st.columnText(2);
    b.fileSha256 = st.columnText(3);
    b.startedAt = st.columnText(4);
    b.finishedAt = st.columnText(5);
    b.rowsRead = static_cast<int>(st.columnInt(6));
    b.rowsImported = static_cast<int>(st.columnInt(7));
    b.rowsUpdated = static_cast<int>(st.columnInt(8));
    b.rowsSkipped = static_cast<int>(st.columnInt(9));
    b.undoneAt = st.columnText(10);
    return b;
}

constexpr const char* kBatchColumns =
    "id, kind, file_name, file_sha256, started_at, ifnull(finished_at, ''), rows_read, rows_imported,"
    " rows_updated, rows_skipped, ifnull(undone_at, '')";

} // namespace

ImportStore::ImportStore(Storage& storage) : m_storage(storage), m_db(storage.db()) {}

std::optional<ImportBatch> ImportStore::batchForFile(const std::string& kind, const std::string& sha256) {
    Statement st = m_db.prepare(std::string("SELECT ") + kBatchColumns
                                + " FROM import_batch WHERE kind = ? AND file_sha256 = ? AND undone_at IS NULL"
                                  " AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1");
    st.bind(1, kind).bind(2, sha256);
    if (!st.step()) return std::nullopt;
    return readBatch(st);
}

std::vector<ImportBatch> ImportStore::batches() {
    Statement st = m_db.prepare(std::string("SELECT ") + kBatchColumns + " FROM import_batch ORDER BY id DESC");
    std::vector<ImportBatch> out;
    while (st.step()) out.push_back(readBatch(st));
    return out;
}

RowId ImportStore::begin(const std::string& kind, const std::string& fileName, const std::string& sha256) {
    Statement st = m_db.prepare("INSERT INTO import_batch (kind, file_name, file_sha256) VALUES (?, ?, ?)");
    st.bind(1, kind).bind(2, fileName).bind(3, sha256);
    st.run();
    return m_db.lastInsertId();
}

RowId ImportStore::unitIdByName(const std::string& name) {
    if (!m_unitsLoaded) {
        Statement st = m_db.prepare("SELECT name, id FROM org_unit WHERE kind IN ('社区', '村')");
        while (st.step()) m_units.emplace(st.columnText(0), st.columnInt(1));
        m_unitsLoaded = true;
    }
    auto it = m_units.find(name);
    return it == m_units.end() ? 0 : it->second;
}

ImportStore::PutResult ImportStore::putPerson(RowId batch, const RosterPerson& p) {
    PutResult result;
    const RowId unit = p.unitName.empty() ? 0 : unitIdByName(p.unitName);
    result.unitUnknown = !p.unitName.empty() && unit == 0;

    // Most rows of a roster are new people: try the insert first and let the
    // unique index on id_number find an existing person (one B-tree probe
    // instead of a SELECT and then an INSERT). Timestamps are bound once per
    // batch rather than computed by strftime() for every row.
    if (m_now.empty()) {
        Statement now = m_db.prepare("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");
        now.step();
        m_now = now.columnText(0);
    }
    Statement& insert = m_db.cached(
        "INSERT OR IGNORE INTO person (name, gender, id_number, phone, unit_id, is_volunteer, joined_on, roster_hours,"
        " roster_hours_as_of, import_batch_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, p.name).bindTextOrNull(2, p.gender).bindTextOrNull(3, p.idNumber).bindTextOrNull(4, p.phone)
        .bindIdOrNull(5, unit).bindTextOrNull(6, p.joinedOn).bind(7, p.hours.value_or(0.0))
        .bindTextOrNull(8, p.hours ? p.hoursAsOf : std::string()).bind(9, batch).bind(10, m_now).bind(11, m_now);
    insert.run();
    if (m_db.changes() > 0) {
        result.outcome = Outcome::Inserted;
        return result;
    }
    RowId existing = 0;
    Statement& find = m_db.cached("SELECT id FROM person WHERE id_number = ?");
    find.bind(1, p.idNumber);
    if (find.step()) existing = find.columnInt(0);
    if (existing == 0) throw StorageError("无法保存第" + std::to_string(p.row) + "行的人员（数据库约束）。");

    // Update what the roster says, keep what it leaves out. The hours are a
    // cumulative figure: a newer roster replaces them.
    Statement& update = m_db.cached(R"(
        UPDATE person SET
            name = ?2,
            gender = coalesce(?3, gender),
            phone = coalesce(?4, phone),
            unit_id = coalesce(?5, unit_id),
            is_volunteer = 1,
            joined_on = coalesce(joined_on, ?6),
            roster_hours = coalesce(?7, roster_hours),
            roster_hours_as_of = CASE WHEN ?7 IS NULL THEN roster_hours_as_of ELSE ?8 END,
            updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
        WHERE id = ?1
          AND (name IS NOT ?2 OR gender IS NOT coalesce(?3, gender) OR phone IS NOT coalesce(?4, phone)
               OR unit_id IS NOT coalesce(?5, unit_id) OR is_volunteer <> 1
               OR joined_on IS NOT coalesce(joined_on, ?6)
               OR roster_hours IS NOT coalesce(?7, roster_hours)
               OR (?7 IS NOT NULL AND roster_hours_as_of IS NOT ?8)))");
    // The previous values, once per batch, before the first change.
    Statement& keep = m_db.cached(R"(
        INSERT OR IGNORE INTO import_person_before
            (batch_id, person_id, name, gender, phone, unit_id, is_volunteer, joined_on, roster_hours, roster_hours_as_of)
        SELECT ?, id, name, gender, phone, unit_id, is_volunteer, joined_on, roster_hours, roster_hours_as_of
        FROM person WHERE id = ?)");
    keep.bind(1, batch).bind(2, existing);
    keep.run();
    const bool keptNow = m_db.changes() > 0;
    update.bind(1, existing).bind(2, p.name).bindTextOrNull(3, p.gender).bindTextOrNull(4, p.phone)
        .bindIdOrNull(5, unit).bindTextOrNull(6, p.joinedOn);
    if (p.hours) update.bind(7, *p.hours); else update.bindNull(7);
    update.bindTextOrNull(8, p.hoursAsOf);
    update.run();
    if (m_db.changes() > 0) {
        result.outcome = Outcome::Updated;
    } else {
        if (keptNow) {   // nothing changed: nothing to restore
            Statement& drop = m_db.cached("DELETE FROM import_person_before WHERE batch_id = ? AND person_id = ?");
            drop.bind(1, batch).bind(2, existing);
            drop.run();
        }
        result.outcome = Outcome::Unchanged;
    }
    return result;
}

RowId ImportStore::familyTitleId(const std::string& title, const std::string& level) {
    if (const RowId id = m_storage.awardTitleId(title, "family", level)) return id;
    // A title the catalogue lacks (美丽庭院 …) joins it as the user's own, with
    // the level's default points; undo leaves the catalogue as it is.
    Statement& insert = m_db.cached(R"(
        INSERT INTO award_title (name, subject_kind, level, points, builtin)
        VALUES (?1, 'family', ?2, ifnull((SELECT CAST(value AS REAL) FROM setting
                                          WHERE key = 'points.title.' || ?2), 0), 0))");
    insert.bind(1, title).bind(2, level);
    insert.run();
    return m_db.lastInsertId();
}

ImportStore::PutResult ImportStore::putFamily(RowId batch, const RosterFamily& f) {
    PutResult result;
    const RowId unit = f.unitName.empty() ? 0 : unitIdByName(f.unitName);
    result.unitUnknown = !f.unitName.empty() && unit == 0;

    RowId family = 0;
    int members = 0;
    Statement& find = m_db.cached(
        "SELECT id, members FROM family WHERE head_name = ? AND address = ? AND unit_id IS ?");
    find.bind(1, f.headName).bind(2, f.address).bindIdOrNull(3, unit);
    if (find.step()) {
        family = find.columnInt(0);
        members = static_cast<int>(find.columnInt(1));
    }
    bool changed = false;
    if (family == 0) {
        Statement& insert = m_db.cached(
            "INSERT INTO family (head_name, address, members, unit_id, import_batch_id) VALUES (?, ?, ?, ?, ?)");
        insert.bind(1, f.headName).bind(2, f.address).bind(3, f.members).bindIdOrNull(4, unit).bind(5, batch);
        insert.run();
        family = m_db.lastInsertId();
        result.outcome = Outcome::Inserted;
    } else if (members != f.members) {
        Statement& keep = m_db.cached(
            "INSERT OR IGNORE INTO import_family_before (batch_id, family_id, members) VALUES (?, ?, ?)");
        keep.bind(1, batch).bind(2, family).bind(3, members);
        keep.run();
        Statement& update = m_db.cached("UPDATE family SET members = ? WHERE id = ?");
        update.bind(1, f.members).bind(2, family);
        update.run();
        changed = true;
    }
    if (!f.title.empty()) {
        Statement& award = m_db.cached(
            "INSERT OR IGNORE INTO award (title_id, year, family_id, unit_id, status, import_batch_id)"
            " VALUES (?, ?, ?, ?, '命名', ?)");
        award.bind(1, familyTitleId(f.title, f.level)).bind(2, f.year).bind(3, family).bindIdOrNull(4, unit)
            .bind(5, batch);
        award.run();
        changed = changed || m_db.changes() > 0;
    }
    if (result.outcome != Outcome::Inserted) result.outcome = changed ? Outcome::Updated : Outcome::Unchanged;
    return result;
}

void ImportStore::finish(RowId batch, int rowsRead, int rowsImported, int rowsUpdated, int rowsSkipped,
                         const std::string& reportJson) {
    Statement st = m_db.prepare(
        "UPDATE import_batch SET finished_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), rows_read = ?, rows_imported = ?,"
        " rows_updated = ?, rows_skipped = ?, report_json = ? WHERE id = ?");
    st.bind(1, rowsRead).bind(2, rowsImported).bind(3, rowsUpdated).bind(4, rowsSkipped).bind(5, reportJson)
        .bind(6, batch);
    st.run();
    m_storage.auditSummary("import", "import_batch",
                           "导入批次" + std::to_string(batch) + "：新增" + std::to_string(rowsImported) + "行，更新"
                               + std::to_string(rowsUpdated) + "行，跳过" + std::to_string(rowsSkipped) + "行");
}

ImportStore::UndoSummary ImportStore::undo(RowId batch) {
    Transaction tx(m_db);
    Statement check = m_db.prepare("SELECT undone_at IS NOT NULL FROM import_batch WHERE id = ?");
    check.bind(1, batch);
    if (!check.step()) throw StorageError("没有编号为" + std::to_string(batch) + "的导入批次。");
    if (check.columnInt(0) != 0) throw StorageError("导入批次" + std::to_string(batch) + "已经撤销过了。");

    UndoSummary s;
    auto run = [&](const char* sql) {
        Statement st = m_db.prepare(sql);
        st.bind(1, batch);
        st.run();
        return m_db.changes();
    };
    s.awardsRemoved = run("DELETE FROM award WHERE import_batch_id = ?");
    s.familiesRestored = run(
        "UPDATE family SET members = (SELECT b.members FROM import_family_before b"
        " WHERE b.batch_id = ?1 AND b.family_id = family.id)"
        " WHERE id IN (SELECT family_id FROM import_family_before WHERE batch_id = ?1)");
    s.familiesRemoved = run("DELETE FROM family WHERE import_batch_id = ?");
    s.personsRestored = run(R"(
        UPDATE person SET (name, gender, phone, unit_id, is_volunteer, joined_on, roster_hours, roster_hours_as_of) =
            (SELECT b.name, b.gender, b.phone, b.unit_id, b.is_volunteer, b.joined_on, b.roster_hours,
                    b.roster_hours_as_of
             FROM import_person_before b WHERE b.batch_id = ?1 AND b.person_id = person.id)
        WHERE id IN (SELECT person_id FROM import_person_before WHERE batch_id = ?1))");
    s.personsRemoved = run("DELETE FROM person WHERE import_batch_id = ?");
    run("UPDATE import_batch SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?");
    m_storage.auditSummary("import_undo", "import_batch",
                           "撤销导入批次" + std::to_string(batch) + "：删除" + std::to_string(s.personsRemoved)
                               + "人、" + std::to_string(s.familiesRemoved) + "户、" + std::to_string(s.awardsRemoved)
                               + "项荣誉，恢复" + std::to_string(s.personsRestored + s.familiesRestored) + "条");
    tx.commit();
    m_units.clear();
    m_unitsLoaded = false;
    return s;
}

} // namespace jinguo::storage
