// title_events.cpp — see title_events.hpp.
#include "storage/title_events.hpp"

#include "core/text.hpp"
#include "core/vocabulary.hpp"
#include "storage/audited_change.hpp"

namespace jinguo::storage {

void checkTitleEvent(const TitleEvent& e) {
    if (!parseAwardStatus(e.status)) throw StorageError("请选择状态：申报、创建、考核验收、命名、复核或撤销。");
    if (!isIsoDate(e.date) || e.date < "1949-01-01" || e.date > "2100-12-31")
        throw StorageError("日期“" + e.date + "”不对：应写成 2026-03-08 这样的格式，且是1949到2100年间真实存在的日期。");
}

RowId writeTitleEvent(Storage& storage, AuditedChange* change, RowId awardId, const TitleEvent& e) {
    checkTitleEvent(e);
    auto st = storage.db().cachedInsert(
        "INSERT INTO award_event (award_id, status, happened_on, doc_number, note) VALUES (?, ?, ?, ?, ?)");
    st.bind(1, awardId).bind(2, e.status).bind(3, e.date).bind(4, trim(e.docNumber)).bind(5, trim(e.note));
    if (change) return change->insert("award_event", st);
    return st.runInsert();
}

AwardEvent readAwardEvent(const Statement& st) {
    AwardEvent e;
    e.id = st.columnInt(0);
    e.awardId = st.columnInt(1);
    e.status = st.columnText(2);
    e.happenedOn = st.columnText(3);
    e.docNumber = st.columnText(4);
    if (!st.columnIsNull(5)) e.score = st.columnDouble(5);
    e.veto = st.columnInt(6) != 0;
    e.fixBy = st.columnText(7);
    e.note = st.columnText(8);
    return e;
}

std::vector<TitleTimelineEntry> familyTimeline(Storage& storage, RowId familyId) {
    Statement st = storage.db().prepare(std::string("SELECT ") + kAwardEventColumns + ", t.name, t.level, a.year"
                                        " FROM award_event e JOIN award a ON a.id = e.award_id"
                                        " JOIN award_title t ON t.id = a.title_id WHERE a.family_id = ?"
                                        " ORDER BY e.happened_on, e.id");
    st.bind(1, familyId);
    std::vector<TitleTimelineEntry> out;
    while (st.step())
        out.push_back({readAwardEvent(st), st.columnText(9), st.columnText(10), static_cast<int>(st.columnInt(11))});
    return out;
}

std::vector<AwardEvent> titleEvents(Storage& storage, RowId awardId) {
    Statement st = storage.db().prepare(std::string("SELECT ") + kAwardEventColumns
                                        + " FROM award_event e WHERE e.award_id = ? ORDER BY e.happened_on, e.id");
    st.bind(1, awardId);
    std::vector<AwardEvent> out;
    while (st.step()) out.push_back(readAwardEvent(st));
    return out;
}

} // namespace jinguo::storage
