// asset_paths.cpp — see asset_paths.hpp.
#include "core/asset_paths.hpp"

#include <filesystem>
#include <system_error>

namespace jinguo {

namespace fs = std::filesystem;

std::string assetPath(const std::string& relative) {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / "share" / "jinguo" / relative;
        if (fs::is_regular_file(installed, ec)) return installed.string();
    }
#ifdef JINGUO_SOURCE_ASSETS
    const fs::path source = fs::path(JINGUO_SOURCE_ASSETS) / relative;
    if (fs::is_regular_file(source, ec)) return source.string();
#endif
    return "";
}

} // namespace jinguo
