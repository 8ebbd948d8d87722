// unit_match.cpp — 所属社区 with 所属街道: the match and its messages.
#include "core/unit_match.hpp"

#include "core/roster_rows.hpp"
#include "core/text.hpp"

#include <algorithm>

namespace jinguo::roster {

namespace {

bool endsWithText(std::string_view s, std::string_view end) {
    return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : "、") + p;
    return out;
}

std::string quotedText(std::string_view s) { return "“" + std::string(s) + "”"; }

} // namespace

std::string streetNameKey(std::string_view name) {
    std::string s = normalizeName(name);
    // Longest first: 街道办事处 before 街道.
    for (std::string_view end : {"街道办事处", "街道办", "人民政府", "街道", "乡镇", "镇", "乡"}) {
        if (endsWithText(s, end) && s.size() > end.size()) {
            s.resize(s.size() - end.size());
            break;
        }
    }
    return s;
}

UnitMatch matchCommunity(const std::vector<CommunityCandidate>& candidates, std::string_view street) {
    UnitMatch m;
    if (candidates.empty()) return m;   // Unknown
    auto streetsOf = [](const std::vector<const CommunityCandidate*>& list) {
        std::vector<std::string> out;
        for (const CommunityCandidate* c : list)
            if (std::find(out.begin(), out.end(), c->streetName) == out.end()) out.push_back(c->streetName);
        return out;
    };
    std::vector<const CommunityCandidate*> all;
    for (const CommunityCandidate& c : candidates) all.push_back(&c);
    std::vector<const CommunityCandidate*> chosen;
    if (street.empty()) {
        chosen = all;
    } else {
        const std::string key = streetNameKey(street);
        for (const CommunityCandidate* c : all)
            if (c->streetName == street || streetNameKey(c->streetName) == key) chosen.push_back(c);
        if (chosen.empty() && all.size() == 1) {
            m.verdict = UnitVerdict::Found;
            m.id = all.front()->id;
            m.streetDiffers = true;
            m.streets = streetsOf(all);
            return m;
        }
        if (chosen.empty()) {
            m.verdict = UnitVerdict::NotInStreet;
            m.streets = streetsOf(all);
            return m;
        }
    }
    if (chosen.size() == 1) {
        m.verdict = UnitVerdict::Found;
        m.id = chosen.front()->id;
        return m;
    }
    m.verdict = UnitVerdict::Ambiguous;
    for (const CommunityCandidate* c : chosen) m.candidates.push_back(c->id);
    m.streets = streetsOf(chosen);
    return m;
}

bool splitStreetAndCommunity(std::string_view text, const std::function<bool(std::string_view)>& isStreet,
                             const std::function<bool(std::string_view)>& isCommunity, std::string& street,
                             std::string& community) {
    for (std::string_view sep : {"/", "\\", "|", "／"}) {
        const std::size_t at = text.rfind(sep);
        if (at == std::string_view::npos) continue;
        std::string left = trim(text.substr(0, at)), right = trim(text.substr(at + sep.size()));
        if (left.empty() || right.empty()) return false;
        street = std::move(left);
        community = std::move(right);
        return true;
    }
    // No separator: the longest street prefix whose rest is a 社区/村 (UTF-8
    // boundaries only: a continuation byte never starts the rest).
    for (std::size_t at = text.size(); at-- > 1;) {
        if ((static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) continue;
        const std::string_view left = text.substr(0, at), right = text.substr(at);
        if (isStreet(left) && isCommunity(right)) {
            street = std::string(left);
            community = std::string(right);
            return true;
        }
    }
    return false;
}

std::string ambiguousUnitMessage(std::string_view community, const std::vector<std::string>& streets,
                                 bool beforeWriting, std::string_view unitColumn, bool streetColumn) {
    const std::string example = streets.empty() ? std::string("某某街道") : streets.front();
    return std::string(unitColumn) + quotedText(community) + "在" + joined(streets) + "都有，无法判断是哪一个："
         + (beforeWriting ? "本行不会导入。" : "本行未导入。")
         + (streetColumn ? "请在“所属街道”列写明街道（如" : "请在表中加一列“所属街道”写明街道（如") + quotedText(example)
         + "），或把" + std::string(unitColumn) + "写成" + quotedText(example + "/" + std::string(community))
         + "，然后重新导入。";
}

std::string unitNotInStreetMessage(std::string_view street, std::string_view community,
                                   const std::vector<std::string>& streets, bool beforeWriting,
                                   std::string_view unitColumn) {
    return "所属街道" + quotedText(street) + "下没有名为" + quotedText(community) + "的社区/村（“组织”中的"
         + quotedText(community) + "在" + joined(streets) + "）：" + (beforeWriting ? "本行不会导入。" : "本行未导入。")
         + "请改正所属街道或" + std::string(unitColumn) + "后重新导入。";
}

UnitMatchNote unitMatchNote(const UnitMatch& match, std::string_view community, std::string_view street,
                            bool beforeWriting, std::string_view unitColumn, bool streetColumn) {
    UnitMatchNote note;
    switch (match.verdict) {
    case UnitVerdict::Ambiguous:
        note.code = code::kUnitAmbiguous;
        note.refused = true;
        note.message = ambiguousUnitMessage(community, match.streets, beforeWriting, unitColumn, streetColumn);
        break;
    case UnitVerdict::NotInStreet:
        note.code = code::kUnitNotInStreet;
        note.refused = true;
        note.aboutStreet = true;
        note.message = unitNotInStreetMessage(street, community, match.streets, beforeWriting, unitColumn);
        break;
    case UnitVerdict::Found:
        if (!match.streetDiffers) break;
        note.code = code::kUnitStreetDiffers;
        note.aboutStreet = true;
        note.message = streetDiffersMessage(street, community, match.streets.empty() ? std::string() : match.streets.front());
        break;
    case UnitVerdict::Unknown: break;
    }
    return note;
}

std::string unitKeptMessage(std::string_view community, const std::vector<std::string>& streets, bool families) {
    const char* who = families ? "已登记的家庭" : "已登记的人员";
    return "所属社区" + quotedText(community) + "在" + joined(streets) + "都有，表中没有写街道：" + who
         + "仍归入原来的社区（本行其他内容照常更新），新登记的不会导入。"
           "要改到另一个街道的同名社区，请在表中加一列“所属街道”写明街道。";
}

std::string streetDiffersMessage(std::string_view street, std::string_view community, std::string_view storedStreet) {
    return "所属街道" + quotedText(street) + "与“组织”中不同：" + quotedText(community) + "只在" + std::string(storedStreet)
         + "有，写这个名称的行已归入" + std::string(storedStreet) + "的" + quotedText(community) + "。如果" + std::string(street)
         + "也有" + quotedText(community) + "，请先在“组织”中新增它，再重新导入；否则请改正表中的所属街道。";
}

} // namespace jinguo::roster
