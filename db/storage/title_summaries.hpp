// title_summaries.hpp — creation-rate numerators read from migration 0032's
// family_title_held_step: distinct households per unit holding a title on a
// day, without a pass over every held range.
#pragma once

#include "core/model.hpp"
#include "storage/database.hpp"

#include <string>
#include <unordered_map>

namespace jinguo::storage {

// Households per unit holding a title on day A and on day B.
struct HeldOnTwoDays {
    double onA = 0, onB = 0;
};

// The households of each unit holding `titleName` at any level
// (titleId 0) or the family title `titleId`, on `dayA` and `dayB`
// (award_held_span's rule, sqlSpanHeldOn). Units without one are absent.
// Reads the step summary when both days are months' last days (what
// titlesCountedOn gives) or "0", else the held ranges themselves.
std::unordered_map<RowId, HeldOnTwoDays> familiesHoldingPerUnit(Database& db, const std::string& titleName,
                                                                 RowId titleId, const std::string& dayA,
                                                                 const std::string& dayB);

// The same over the ranges (award_held_span), the reference the summary is
// held to (tests, and days the summary cannot answer).
std::unordered_map<RowId, HeldOnTwoDays> familiesHoldingPerUnitFromSpans(Database& db, const std::string& titleName,
                                                                          RowId titleId, const std::string& dayA,
                                                                          const std::string& dayB);

// Every family title name at any level on `day`: name → unit → households.
std::unordered_map<std::string, std::unordered_map<RowId, double>> familiesHoldingPerNameAndUnit(
    Database& db, const std::string& day);

// Whether the step summary answers `day` exactly (a month's last day, or "0").
bool stepSummaryAnswers(Database& db, const std::string& day);

} // namespace jinguo::storage
