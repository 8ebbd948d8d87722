// headless_ui.hpp — runs ImGui frames with no window and no renderer, and
// drives them as a person would: move the mouse onto a widget, press, release,
// type. Widgets are found through ui::ItemLocator.
#pragma once

#include "ui/app_state.hpp"
#include "ui/item_locator.hpp"
#include "ui/theme.hpp"

#include <doctest/doctest.h>
#include <imgui.h>

#include <functional>
#include <string>

namespace jinguo::test {

class HeadlessUi {
public:
    explicit HeadlessUi(ui::AppState& app) : m_app(&app) { start(); }
    // A window drawn without an AppState (the start-up recovery window):
    // `draw` runs inside every frame.
    explicit HeadlessUi(std::function<void()> draw) : m_draw(std::move(draw)) { start(); }
    ~HeadlessUi() {
        ui::ItemLocator::instance().enable(false);
        ImGui::DestroyContext();
    }

    void frame() {
        ImGui::NewFrame();
        if (m_app) ui::drawApp(*m_app);
        else m_draw();
        ImGui::Render();
        if (m_app) ui::finishFrame(*m_app);
        if (betweenFrames) betweenFrames();
    }

    // Runs after every frame, where gui_main's loop does its between-frames work.
    std::function<void()> betweenFrames;

    // What AppWindow::setTextScale does, on ImGui's own font (13 px at 1.0):
    // the style again at that scale and the atlas rebuilt between frames.
    void setTextScale(float factor) {
        ui::applyTheme(ImGui::GetStyle(), factor);
        ImGuiIO& io = ImGui::GetIO();
        io.Fonts->Clear();
        ImFontConfig config;
        config.SizePixels = 13.0f * factor;
        io.Fonts->AddFontDefault(&config);
        buildAtlas();
    }

private:
    void start() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(1440, 900);
        io.DeltaTime = 1.0f / 60.0f;
        io.IniFilename = nullptr;
        // The keys tests press (1.86 maps ImGuiKey_* to indices in KeysDown).
        io.KeyMap[ImGuiKey_A] = 'A';
        io.KeyMap[ImGuiKey_Backspace] = 8;
        io.KeyMap[ImGuiKey_Enter] = 13;
        io.KeyMap[ImGuiKey_Escape] = 27;
        ui::applyTheme(ImGui::GetStyle(), 1.0f);   // the window's look (theme.hpp)
        buildAtlas();
        ui::ItemLocator::instance().enable(true);
        // Every frame ends with the UI connection idle, or the test fails:
        // a statement left stepped pins the WAL snapshot (saves then fail
        // with "database is locked" once another connection wrote).
        if (m_app) m_app->sqlCheck = ui::SqlCheck::Throw;
        frame();
    }

    static void buildAtlas() {
        unsigned char* pixels = nullptr;
        int width = 0, height = 0;
        ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);   // builds the atlas
    }

public:

    // Center of a located widget; fails the test when it is not on screen.
    ImVec2 where(const std::string& key) {
        const ui::ItemRect* rect = ui::ItemLocator::instance().find(key);
        REQUIRE_MESSAGE(rect != nullptr, "widget not on screen: " << key);
        return rect->center();
    }
    bool visible(const std::string& key) const { return ui::ItemLocator::instance().find(key) != nullptr; }

    // A click takes three frames: hover, press, release. One frame before
    // lets a popup that just appeared settle (ImGui hides its first frame).
    void click(const std::string& key) {
        frame();
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = where(key);
        frame();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
    }

    // Clicks a text field, selects what it holds and types over it.
    void type(const std::string& key, const std::string& text) {
        click(key);
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = true;
        io.KeysDown[io.KeyMap[ImGuiKey_A]] = true;
        frame();
        io.KeysDown[io.KeyMap[ImGuiKey_A]] = false;
        io.KeyCtrl = false;
        io.AddInputCharactersUTF8(text.c_str());
        frame();
        frame();
    }

private:
    ui::AppState* m_app = nullptr;
    std::function<void()> m_draw;
};

} // namespace jinguo::test
