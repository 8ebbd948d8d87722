// offscreen_renderer.cpp — SFML's render texture, OpenGL and Xlib behind the
// snapshot canvas.
#include "platform/offscreen_renderer.hpp"

#include <SFML/Graphics.hpp>
#include <SFML/OpenGL.hpp>
#include <X11/Xlib.h>
#include <backends/imgui_impl_opengl3.h>

#include <cstdlib>

namespace jinguo::platform {

struct OffscreenRenderer::Impl {
    int width = 0;
    int height = 0;
    sf::RenderTexture target;
    bool contextMade = false;
    bool rendererReady = false;
    // The renderer goes before the context, the context before the GL target.
    ~Impl() {
        if (rendererReady) ImGui_ImplOpenGL3_Shutdown();
        if (contextMade) ImGui::DestroyContext();
    }
};

OffscreenRenderer::OffscreenRenderer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
OffscreenRenderer::~OffscreenRenderer() = default;

std::unique_ptr<OffscreenRenderer> OffscreenRenderer::open(int width, int height, std::string& error) {
    // SFML abort()s without a display: ask first and explain.
    if (Display* display = XOpenDisplay(nullptr)) {
        XCloseDisplay(display);
    } else {
        const char* name = std::getenv("DISPLAY");
        error = std::string("导出幻灯片需要图形显示（DISPLAY=") + (name && *name ? name : "未设置")
              + "）：请在桌面环境中运行，或在服务器上用 Xvfb，例如：xvfb-run jinguo snapshot …";
        return nullptr;
    }
    auto impl = std::make_unique<Impl>();
    impl->width = width;
    impl->height = height;
    if (!impl->target.create(static_cast<unsigned>(width), static_cast<unsigned>(height))) {
        error = "无法创建 " + std::to_string(width) + "x" + std::to_string(height)
              + " 的离屏画布（显卡不支持这么大的尺寸？）。请换小一些的 --size。";
        return nullptr;
    }
    impl->target.setActive(true);
    ImGui::CreateContext();
    impl->contextMade = true;
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    io.DeltaTime = 1.0f / 60.0f;
    return std::unique_ptr<OffscreenRenderer>(new OffscreenRenderer(std::move(impl)));
}

ImGuiIO& OffscreenRenderer::io() { return ImGui::GetIO(); }

bool OffscreenRenderer::startRenderer(std::string& error) {
    if (!ImGui_ImplOpenGL3_Init(nullptr)) {
        error = "无法初始化OpenGL渲染：请检查显卡驱动。";
        return false;
    }
    m_impl->rendererReady = true;
    return true;
}

void OffscreenRenderer::newFrame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
}

bool OffscreenRenderer::renderAndSave(const std::string& pngPath) {
    ImGui::Render();
    m_impl->target.setActive(true);
    glViewport(0, 0, m_impl->width, m_impl->height);
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    m_impl->target.display();
    return m_impl->target.getTexture().copyToImage().saveToFile(pngPath);
}

} // namespace jinguo::platform
