// title_events.hpp — the history of family, person and collective titles.
//
// Every creation and every status change of such a title (命名, 复核, 撤销 …)
// is an award_event (date, 文号, reason), as a 巾帼文明岗 step is. One
// function writes them, writeTitleEvent, whoever saves: the 家庭 form and the
// 荣誉 form (through RecordStore, inside the save's audited undo step), the
// record import of honours (through RecordStore::saveHonour) and the family
// roster import (ImportStore::putFamily, inside its batch: undoing the batch
// deletes its awards and their events go with them, ON DELETE CASCADE).
//
// The date a title was named is the date of its 命名 event — the one source
// of truth, with no copy on the award row: the history already holds it, the
// boards and badges already read it from there (aggregates.cpp, badge_store.cpp)
// and a second copy could disagree with the history after an undo.
#pragma once

#include "core/model.hpp"
#include "storage/storage.hpp"

#include <string>
#include <vector>

namespace jinguo::storage {

class AuditedChange;

// One step of a title's lifecycle as a form or a list states it.
struct TitleEvent {
    std::string status;        // 申报 … 撤销
    std::string date;          // YYYY-MM-DD, a real date
    std::string docNumber;     // 文号
    std::string note;          // the reason (复核保留, 撤销原因 …), 导入, 迁移 …
};

// Refuses (StorageError, in Chinese) an unknown status or a date that is not
// a real YYYY-MM-DD between 1949 and 2100.
void checkTitleEvent(const TitleEvent& event);

// Writes the event of award `awardId`. With `change` it is audited in that
// change (and so in its undo step); without, it is a bulk import's row,
// undone with its batch. Checks first (checkTitleEvent). Returns its id.
RowId writeTitleEvent(Storage& storage, AuditedChange* change, RowId awardId, const TitleEvent& event);

// A family's title history: every event of every title, by date (then as
// recorded), with the title it belongs to — the family's timeline.
struct TitleTimelineEntry {
    AwardEvent event;
    std::string title;
    std::string level;
    int awardYear = 0;
};
std::vector<TitleTimelineEntry> familyTimeline(Storage& storage, RowId familyId);
// The events of one award, oldest first.
std::vector<AwardEvent> titleEvents(Storage& storage, RowId awardId);

// An award_event row read the same way for titles and posts: select
// kAwardEventColumns (aliased `e`) first, then read the row with readAwardEvent.
inline constexpr const char* kAwardEventColumns =
    "e.id, e.award_id, e.status, e.happened_on, e.doc_number, e.score, e.veto, coalesce(e.fix_by, ''), e.note";
AwardEvent readAwardEvent(const Statement& st);

} // namespace jinguo::storage
