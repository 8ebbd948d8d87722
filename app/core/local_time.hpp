// local_time.hpp — stored times as a person reads them.
//
// The database stores moments as ISO-8601 UTC ("2026-12-05T09:34:30Z", also
// with fractions "…30.123Z"): unambiguous and sortable. People read the clock
// on their wall, so every stored moment that reaches a screen, a message or
// the command line's text goes through localTimeText (the machine's TZ):
//   "2026-12-05T09:34:30Z" → "2026-12-05 17:34" in Asia/Shanghai.
// Text that is not such a moment (empty, a plain date, garbage) is returned
// unchanged, so a caller never shows less than it was given.
#pragma once

#include <string>
#include <string_view>

namespace jinguo {

std::string localTimeText(std::string_view utcIso);

} // namespace jinguo
