// title_review.hpp — the words of a 复核 decision (保留 / 撤销), read the same
// way by the 称号复核 screen, a 复核 result sheet and the command line. The
// decision itself is written by storage/title_review.hpp.
#pragma once

#include <optional>
#include <string_view>

namespace jinguo {

enum class ReviewResult { Keep, Revoke };   // 保留 (status 复核) / 撤销

// 保留 (also 复核, 通过, 复核通过, 合格) or 撤销 (also 撤消, 取消, 不合格), spaces
// and full-width forms allowed; nullopt for any other word.
std::optional<ReviewResult> parseReviewResult(std::string_view word);
const char* reviewResultWord(ReviewResult result);   // 保留 / 撤销

} // namespace jinguo
