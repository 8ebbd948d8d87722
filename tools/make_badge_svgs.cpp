// make_badge_svgs — writes the badge medals as SVG files, one per badge code
// of the catalogue (default thresholds), into a folder:
// `make_badge_svgs assets/badges`. The drawing is core's
// (core/medal_design.hpp, the same the app draws on screen); the committed
// files under assets/badges/ are this program's output, and a core test
// checks that they still are.
#include "core/badges.hpp"
#include "core/medal_design.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: make_badge_svgs FOLDER\n";
        return 2;
    }
    std::filesystem::create_directories(argv[1]);
    for (const jinguo::BadgeInfo& badge : jinguo::badgeCatalogue()) {
        const std::filesystem::path path = std::filesystem::path(argv[1]) / (badge.code + ".svg");
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << jinguo::medalSvg(jinguo::medalDesign(badge.code));
        if (!out) {
            std::cerr << "cannot write " << path.string() << "\n";
            return 1;
        }
        std::cout << path.string() << "\n";
    }
    return 0;
}
