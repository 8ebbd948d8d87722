// input_probe.cpp — the `input-probe` window (see input_probe.hpp).
#include "platform/input_probe.hpp"

#include "platform/fonts.hpp"
#include "platform/ime_fix.hpp"
#include "platform/imgui_sfml_binding.hpp"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <SFML/OpenGL.hpp>
#include <SFML/System/Clock.hpp>
#include <SFML/Window/Window.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <utility>

namespace jinguo::platform {

namespace {

// Temp file + rename: a test polling the file never reads half a write.
bool writeAtomically(const std::string& path, const std::string& text) {
    const std::string temp = path + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) return false;
        out << text;
        if (!out.flush()) return false;
    }
    return std::rename(temp.c_str(), path.c_str()) == 0;
}

float probeSeconds() {
    const char* env = std::getenv("JINGUO_PROBE_SECONDS");
    if (!env || !*env) return 30.0f;
    char* end = nullptr;
    const float v = std::strtof(env, &end);
    return end != env && v > 0.0f ? v : 30.0f;
}

constexpr char kTitle[] = "输入测试";
constexpr char kPrompt[] = "请输入（拼音输入法可用）：";

} // namespace

int runInputProbe(const std::string& outFile) {
    installInputMethodFix();  // before the window: SFML opens the input method in its constructor
    const float seconds = probeSeconds();
    const float scale = detectUiScale();

    sf::Window window(sf::VideoMode(static_cast<unsigned>(640 * scale), static_cast<unsigned>(200 * scale)),
                      sf::String::fromUtf8(kTitle, kTitle + std::strlen(kTitle)));
    window.setFramerateLimit(60);
    std::fprintf(stderr, "input-probe: input method %s, fix %s\n",
                 inputMethodOpened() ? "opened" : "not opened", inputMethodFixActive() ? "active" : "INACTIVE");

    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    int status = 0;
    {
        ImGuiSfmlBinding binding;
        // A CJK font when one is installed, so a screenshot shows what was typed;
        // the text capture itself does not depend on it.
        FontManager fonts(18.0f * scale, 18.0f * scale);
        fonts.setSynchronousGrowth(true);   // the screenshot shows what was typed, at once
        fonts.addText(kPrompt);
        fonts.buildAtlas(io);
        ImGui_ImplOpenGL3_Init(nullptr);

        std::string text;
        std::string written;
        bool presenting = false;
        bool ready = false;
        sf::Clock frameClock;
        sf::Clock runClock;
        while (window.isOpen()) {
            pumpInputMethodEvents();
            sf::Event event;
            while (window.pollEvent(event)) binding.processEvent(event);
            if (binding.wantsClose() || runClock.getElapsedTime().asSeconds() > seconds) break;

            fonts.addText(text);
            fonts.rebuildIfNeeded(io);
            binding.newFrame(window.getSize(), frameClock.restart().asSeconds());
            ImGui_ImplOpenGL3_NewFrame();
            ImGui::NewFrame();

            ImGui::SetNextWindowPos(ImVec2(0, 0));
            ImGui::SetNextWindowSize(io.DisplaySize);
            ImGui::Begin("##probe", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                                 ImGuiWindowFlags_NoSavedSettings);
            ImGui::TextUnformatted(kPrompt);
            // F5 plays the presentation's part: the input method is suspended
            // and the slide keys are written as [B] [Right] [Home] [Space]
            // (B read as a typed character, as the slides read it) until
            // Esc ([Esc]) gives the field and the input method back.
            if (!presenting && ImGui::IsKeyPressed(sf::Keyboard::F5, false)) {
                presenting = true;
                suspendInputMethod(true);
                text += "[演示]";
            } else if (presenting) {
                for (const ImWchar c : io.InputQueueCharacters)
                    if (c == 'b' || c == 'B') text += "[B]";
                const std::pair<int, const char*> keys[] = {{sf::Keyboard::Right, "[Right]"}, {sf::Keyboard::Left, "[Left]"},
                                                            {sf::Keyboard::Home, "[Home]"}, {sf::Keyboard::End, "[End]"},
                                                            {sf::Keyboard::Space, "[Space]"}};
                for (const auto& [key, name] : keys)
                    if (ImGui::IsKeyPressed(key, false)) text += name;
                if (ImGui::IsKeyPressed(sf::Keyboard::Escape, false)) {
                    presenting = false;
                    suspendInputMethod(false);
                    text += "[Esc]";
                }
            }
            if (!presenting) {
                // Keep the field focused: the probe has nothing else to type into.
                if (!ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
                ImGui::SetNextItemWidth(-1.0f);
                ImGui::InputText("##text", &text);
            } else {
                ImGui::TextUnformatted(text.c_str());
            }
            ImGui::TextDisabled("input method: %s", inputMethodOpened() ? "XIM" : "none");
            ImGui::End();
            ImGui::Render();

            glViewport(0, 0, static_cast<GLsizei>(io.DisplaySize.x), static_cast<GLsizei>(io.DisplaySize.y));
            glClearColor(0.95f, 0.95f, 0.95f, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            window.display();
            binding.updateMouseCursor(window);

            if (!ready || text != written) {
                if (!writeAtomically(outFile, text)) {
                    std::fprintf(stderr, "input-probe: cannot write %s\n", outFile.c_str());
                    status = 1;
                    break;
                }
                written = text;
                ready = true;
            }
        }
        ImGui_ImplOpenGL3_Shutdown();
    }
    ImGui::DestroyContext();
    window.close();
    return status;
}

} // namespace jinguo::platform
