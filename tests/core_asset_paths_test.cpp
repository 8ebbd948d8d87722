// assetPath: a build that is not installed finds assets/ in the source tree.
#include <doctest/doctest.h>

#include "core/asset_paths.hpp"

#include <filesystem>

TEST_CASE("assets are found from the build tree; a missing one is empty") {
    const std::string icon = jinguo::assetPath("icons/jinguo-64.png");
    REQUIRE_FALSE(icon.empty());
    CHECK(std::filesystem::file_size(icon) > 100);
    CHECK(jinguo::assetPath("icons/no-such-picture.png").empty());
}
