// snapshot.cpp — off-screen slide export.
#include "gui/snapshot.hpp"

#include "gui/presentation_host.hpp"
#include "platform/fonts.hpp"
#include "platform/offscreen_renderer.hpp"
#include "ui/screen_presentation.hpp"
#include "ui/slides.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <system_error>

namespace jinguo::gui {

namespace {

std::string systemToday() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &local);
    return buffer;
}

struct Page {
    ui::SlideKind kind;
    int number;            // 1-based, within the show
    std::string path;
};

} // namespace

int runSnapshot(storage::Storage& storage, const SnapshotRequest& request, std::ostream& out, std::ostream& err) {
    namespace fs = std::filesystem;
    const ui::PresentationConfig config = ui::loadPresentationConfig(storage);
    std::vector<ui::SlideKind> show;
    for (const ui::SlideChoice& c : config.slides)
        if (c.enabled) show.push_back(c.kind);
    if (show.empty()) show = ui::allSlideKinds();   // nothing chosen: every slide

    // Which pages, and where they go.
    std::vector<Page> pages;
    if (request.slide == "all") {
        std::error_code ec;
        if (fs::exists(request.outPath, ec) && !fs::is_directory(request.outPath, ec)) {
            err << "--slide all 需要一个文件夹，但“" << request.outPath << "”是一个文件。请换一个文件夹名。\n";
            return 2;
        }
        fs::create_directories(request.outPath, ec);
        if (ec) {
            err << "无法创建文件夹“" << request.outPath << "”：" << ec.message() << "。请检查路径和权限。\n";
            return 1;
        }
        for (std::size_t i = 0; i < show.size(); ++i) {
            char name[64];
            std::snprintf(name, sizeof name, "%02zu-%s.png", i + 1, ui::slideCode(show[i]));
            pages.push_back({show[i], static_cast<int>(i + 1), (fs::path(request.outPath) / name).string()});
        }
    } else {
        std::optional<ui::SlideKind> kind;
        int number = 1;
        if (request.slide.find_first_not_of("0123456789") == std::string::npos && request.slide.size() <= 3) {
            number = std::stoi(request.slide);
            if (number < 1 || number > static_cast<int>(show.size())) {
                err << "--slide " << request.slide << " 超出范围：当前演示共有 " << show.size() << " 页，请用 1 到 "
                    << show.size() << " 之间的序号，或 all。\n";
                return 2;
            }
            kind = show[static_cast<std::size_t>(number - 1)];
        } else if ((kind = ui::slideFromCode(request.slide))) {
            for (std::size_t i = 0; i < show.size(); ++i)
                if (show[i] == *kind) number = static_cast<int>(i + 1);
        } else {
            err << "没有名为“" << request.slide
                << "”的幻灯片。--slide 可用序号（1 为第一页）、all，或名称：figures、volunteers、race、posts、wall、targets。\n";
            return 2;
        }
        const fs::path parent = fs::path(request.outPath).parent_path();
        std::error_code ec;
        if (!parent.empty() && !fs::is_directory(parent, ec)) {
            err << "输出文件夹“" << parent.string() << "”不存在。请先创建它，或换一个 --out 路径。\n";
            return 2;
        }
        pages.push_back({*kind, number, request.outPath});
    }

    const std::string today = request.today.empty() ? systemToday() : request.today;
    const int year = std::stoi(today.substr(0, 4));
    storage::SlideData data;
    try {
        data = ui::loadSlideData(storage, year, config.scopeUnitId, today);
    } catch (const std::exception& e) {
        err << "读取演示数据失败：" << e.what() << "\n";
        return 1;
    }

    // The canvas (platform: SFML, OpenGL, X11); here only what goes on it.
    std::string error;
    const std::unique_ptr<platform::OffscreenRenderer> canvas =
        platform::OffscreenRenderer::open(request.width, request.height, error);
    if (!canvas) {
        err << error << "\n";
        return 1;
    }
    ImGuiIO& io = canvas->io();
    const std::string text = ui::slideText(data);
    platform::FontManager fonts(18.0f, 34.0f);
    fonts.addText(ui::str::allText());
    fonts.addText(text);
    const ui::SlideFonts slideFonts = [&] {
        requestSlideFonts(fonts, io.DisplaySize.y, text);
        fonts.buildAtlas(io);
        return requestSlideFonts(fonts, io.DisplaySize.y, text);   // the fonts just built
    }();
    if (fonts.missingFont()) err << platform::missingCjkFontMessage() << "\n";
    if (!canvas->startRenderer(error)) {
        err << error << "\n";
        return 1;
    }

    ui::SlideOptions options;
    options.maskNames = config.maskNames;
    options.count = static_cast<int>(show.size());
    for (const Page& page : pages) {
        canvas->newFrame();
        options.number = page.number;
        ui::drawSlide(ImGui::GetBackgroundDrawList(), ImVec2(0, 0), io.DisplaySize, page.kind, data, slideFonts, options,
                      ui::kSlideSettleSeconds);
        // Written beside the target and renamed: never a half-written PNG.
        const std::string partial = page.path + ".part.png";
        if (!canvas->renderAndSave(partial)) {
            err << "无法写入图片“" << page.path << "”。请检查路径和权限。\n";
            return 1;
        }
        std::error_code ec;
        fs::rename(partial, page.path, ec);
        if (ec) {
            fs::remove(partial, ec);
            err << "无法写入图片“" << page.path << "”。请检查路径和权限。\n";
            return 1;
        }
        out << page.path << "\n";
    }
    return 0;
}

} // namespace jinguo::gui
