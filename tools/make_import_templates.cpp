// make_import_templates — writes the import templates (导入模板) of every
// kind into a folder: `make_import_templates assets/templates`. The content
// is core's (core/import_templates.hpp); the committed files under
// assets/templates/ are this program's output, and a test checks that they
// still carry the headers the importer expects.
#include "core/import_templates.hpp"

#include <filesystem>
#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: make_import_templates FOLDER\n";
        return 2;
    }
    std::filesystem::create_directories(argv[1]);
    for (jinguo::roster::RosterKind kind : jinguo::roster::allKinds()) {
        const std::string path = (std::filesystem::path(argv[1]) / jinguo::importTemplateFileName(kind)).string();
        if (const std::string error = jinguo::writeImportTemplate(kind, path); !error.empty()) {
            std::cerr << error << "\n";
            return 1;
        }
        std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write
                                               | std::filesystem::perms::group_read | std::filesystem::perms::others_read);
        std::cout << path << "\n";
    }
    return 0;
}
