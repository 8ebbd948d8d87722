// asset_paths.hpp — where the app finds the files of assets/ at run time:
// the installed data folder beside the binary (<prefix>/bin/jinguo →
// <prefix>/share/jinguo/), else the source tree's assets/ (a build that was
// not installed, and the tests). Pictures and templates are looked up here.
#pragma once

#include <string>

namespace jinguo {

// The full path of `relative` (e.g. "icons/jinguo-64.png") in the first data
// folder that holds it; "" when none does.
std::string assetPath(const std::string& relative);

} // namespace jinguo
