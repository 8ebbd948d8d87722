// big_households.hpp — 120,000 generated households with 平安家庭 titles in
// every standing (issue 17's scale UI tests: ui_records_scale_test,
// ui_units_review_scale_test). Rows are written set-based (WITH RECURSIVE).
#pragma once

#include "storage/family_list.hpp"
#include "storage/settings_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"

#include <string>

namespace jinguo::test {

constexpr int kHouseholds = 120000;
constexpr int kNames = 80;

const char* const kSurnames[] = {"张", "王", "李", "赵", "单", "曾", "欧阳", "钱"};
const char* const kGiven[] = {"芳", "丽", "淼", "建国", "秀英", "娜", "三", "田芳", "堃", "红"};

inline std::string nameOf(int n) { return std::string(kSurnames[n / 10 % 8]) + kGiven[n % 10]; }

// 临江区 → 2 streets → 4 communities; household x (1…N) is headed by name
// x % 80, lives in community x % 4, and every third holds a 平安家庭 named
// in 2020 (x % 9 == 0: 已过期 on 2026-11-29 at 3 years + 6 months),
// 2023-06-15 (x % 9 == 3: 待复核) or 2025 (x % 9 == 6: 有效). Written with
// one INSERT … SELECT each, inside one transaction.
struct BigDistrict {
    TempDbPath path;
    storage::Storage storage{path.str()};
    RowId communities[4] = {};

    BigDistrict() {
        const RowId district = storage.insertUnit({0, 0, "临江区", UnitKind::District, 0, 0});
        const RowId streets[2] = {storage.insertUnit({0, district, "滨江街道", UnitKind::Street, 0, 1}),
                                  storage.insertUnit({0, district, "文昌街道", UnitKind::Street, 0, 2})};
        const char* names[] = {"望江社区", "阿里社区", "书院社区", "新村社区"};
        for (int i = 0; i < 4; ++i)
            communities[i] = storage.insertUnit({0, streets[i / 2], names[i], UnitKind::Community, 50000, 0});
        const RowId title = storage.awardTitleId("平安家庭", "family", "社区");
        storage::Database& db = storage.db();
        storage::Transaction tx(db);
        db.exec("CREATE TEMP TABLE name_keys (n INTEGER PRIMARY KEY, name TEXT, sort_key TEXT, spell TEXT)");
        {
            storage::Statement st = db.prepare("INSERT INTO name_keys VALUES (?, ?, ?, ?)");
            for (int n = 0; n < kNames; ++n) {
                const storage::FamilySortFields keys = storage::familySortFields(nameOf(n));
                st.bind(1, n).bind(2, nameOf(n)).bind(3, keys.sortKey).bind(4, keys.headSpell);
                st.run();
                st.reset();
            }
        }
        storage::Statement families = db.prepare(
            "WITH RECURSIVE x(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM x WHERE i < ?1)"
            " INSERT INTO family (id, head_name, address, members, unit_id, sort_key, head_spell)"
            " SELECT i, k.name, '幸福路' || i || '号', 1 + i % 5,"
            "        CASE i % 4 WHEN 0 THEN ?2 WHEN 1 THEN ?3 WHEN 2 THEN ?4 ELSE ?5 END, k.sort_key, k.spell"
            " FROM x JOIN name_keys k ON k.n = i % " + std::to_string(kNames));
        families.bind(1, kHouseholds).bind(2, communities[0]).bind(3, communities[1]).bind(4, communities[2])
            .bind(5, communities[3]);
        families.run();
        storage::Statement awards = db.prepare(
            "INSERT INTO award (id, title_id, year, family_id, unit_id, status)"
            " SELECT f.id, ?1, CASE f.id % 9 WHEN 0 THEN 2020 WHEN 3 THEN 2023 ELSE 2025 END, f.id, f.unit_id, '命名'"
            " FROM family f WHERE f.id % 3 = 0");
        awards.bind(1, title);
        awards.run();
        db.exec("INSERT INTO award_event (award_id, status, happened_on)"
                " SELECT a.id, '命名', CASE a.year WHEN 2023 THEN '2023-06-15' ELSE a.year || '-03-01' END FROM award a");
        tx.commit();
        storage::SettingsStore(storage).setTitleValidity(title, 3);
    }
};

} // namespace jinguo::test
