// title_review.cpp — see title_review.hpp.
#include "core/title_review.hpp"

#include "core/text.hpp"

#include <string>

namespace jinguo {

std::optional<ReviewResult> parseReviewResult(std::string_view word) {
    const std::string w = trim(foldFullWidth(word));
    for (const char* keep : {"保留", "复核", "通过", "复核通过", "合格", "继续保留"})
        if (w == keep) return ReviewResult::Keep;
    for (const char* revoke : {"撤销", "撤消", "取消", "不合格", "撤销称号"})
        if (w == revoke) return ReviewResult::Revoke;
    return std::nullopt;
}

const char* reviewResultWord(ReviewResult result) { return result == ReviewResult::Keep ? "保留" : "撤销"; }

} // namespace jinguo
