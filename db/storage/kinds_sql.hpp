// kinds_sql.hpp — the vocabulary's words in SQL: unit kinds of a tier, held
// award statuses, title levels and their orders, all built from the constant
// words of core/vocabulary.hpp (never from user text), so that a new kind,
// level or status is one row there and no query repeats the list.
#pragma once

#include "core/vocabulary.hpp"
#include "storage/database.hpp"

#include <array>
#include <string>
#include <string_view>
#include <utility>

namespace jinguo::storage {

// "('街道', '镇')" for UnitTier::Street, for `kind IN …`.
inline std::string sqlKindsOf(UnitTier tier) {
    std::string list;
    for (const UnitKindInfo& k : kUnitKinds)
        if (k.tier == tier) list += (list.empty() ? "'" : ", '") + std::string(k.stored) + "'";
    return "(" + list + ")";
}

// org_unit.kind read back: the schema's CHECK allows only the vocabulary's
// words, so an unknown one means a damaged database.
inline UnitKind storedUnitKind(std::string_view word) {
    if (const auto kind = parseUnitKind(word)) return *kind;
    throw StorageError("数据库中的单位类型“" + std::string(word) + "”无法识别，数据库可能已损坏。");
}

// "'命名'": one stored status word, quoted for SQL.
inline std::string sqlWord(AwardStatus status) { return "'" + std::string(toWord(status)) + "'"; }

// "('命名', '复核')": the statuses of a title held (isHeld), for `status IN …`.
inline std::string sqlHeldStatuses() {
    std::string list;
    for (std::size_t i = 0; i < kAwardStatusWords.size(); ++i)
        if (isHeld(static_cast<AwardStatus>(i))) list += (list.empty() ? "'" : ", '") + std::string(kAwardStatusWords[i]) + "'";
    return "(" + list + ")";
}

// "('区', '市', '省', '全国')": the title levels from `lowest` up, for `level IN …`.
inline std::string sqlTitleLevelsFrom(TitleLevel lowest) {
    std::string list;
    for (std::size_t i = static_cast<std::size_t>(lowest); i < kTitleLevelWords.size(); ++i)
        list += (list.empty() ? "'" : ", '") + std::string(kTitleLevelWords[i]) + "'";
    return "(" + list + ")";
}

namespace detail {
template <std::size_t N>
std::string sqlOrderOf(std::string_view column, const std::array<const char*, N>& words) {
    std::string sql = "CASE " + std::string(column);
    for (std::size_t i = 0; i < N; ++i)
        sql += " WHEN '" + std::string(words[i]) + "' THEN " + std::to_string(i + 1);
    return sql + " ELSE " + std::to_string(N + 1) + " END";
}
} // namespace detail

// "CASE col WHEN '社区' THEN 1 … WHEN '全国' THEN 6 ELSE 7 END": sorts by level, lowest first.
inline std::string sqlTitleLevelOrder(std::string_view column) { return detail::sqlOrderOf(column, kTitleLevelWords); }
// The same for award statuses, in lifecycle order (申报 first, 撤销 last).
inline std::string sqlAwardStatusOrder(std::string_view column) { return detail::sqlOrderOf(column, kAwardStatusWords); }

// `sql` with the vocabulary's words put in for its tokens, so queries read as
// SQL and name no status or level: {named} {reviewed} {revoked} (one status),
// {held} (the held statuses as a list), {levels_from_district} (区 and above),
// {level_order} (t.level's order), {status_order} (a.status's order) and
// {post_kind} (the 巾帼文明岗 kind's id: counting places means that kind). The
// result is built at run time: a cached() statement keeps it in a static.
inline std::string withWords(std::string_view sql) {
    static const std::array<std::pair<std::string_view, std::string>, 8> kTokens = {{
        {"{post_kind}", std::to_string(kPostKindId)},
        {"{named}", sqlWord(AwardStatus::Name)},
        {"{reviewed}", sqlWord(AwardStatus::Review)},
        {"{revoked}", sqlWord(AwardStatus::Revoke)},
        {"{held}", sqlHeldStatuses()},
        {"{levels_from_district}", sqlTitleLevelsFrom(TitleLevel::District)},
        {"{level_order}", sqlTitleLevelOrder("t.level")},
        {"{status_order}", sqlAwardStatusOrder("a.status")},
    }};
    std::string out(sql);
    for (const auto& [token, words] : kTokens)
        for (std::size_t at = out.find(token); at != std::string::npos; at = out.find(token, at + words.size()))
            out.replace(at, token.size(), words);
    return out;
}

} // namespace jinguo::storage
