// offscreen_renderer.hpp — an ImGui canvas drawn without a window
// (sf::RenderTexture + ImGui's OpenGL3 renderer), saved as PNG: what
// `jinguo snapshot` draws the slides on. Needs an X display (Xvfb will do),
// opens no window. The caller owns what is drawn (app/gui/snapshot.cpp).
#pragma once

#include <imgui.h>

#include <memory>
#include <string>

namespace jinguo::platform {

class OffscreenRenderer {
public:
    // A canvas of width×height with its own ImGui context (current from now
    // on), or null with `error` set in Chinese (no display, size refused).
    static std::unique_ptr<OffscreenRenderer> open(int width, int height, std::string& error);
    ~OffscreenRenderer();
    OffscreenRenderer(const OffscreenRenderer&) = delete;
    OffscreenRenderer& operator=(const OffscreenRenderer&) = delete;

    // The context's IO: DisplaySize is the canvas; build the font atlas into
    // it before startRenderer().
    ImGuiIO& io();
    // Starts the OpenGL3 renderer (after the atlas); false with `error` set.
    bool startRenderer(std::string& error);
    void newFrame();
    // Ends the frame, renders it on black and writes the canvas to `pngPath`.
    bool renderAndSave(const std::string& pngPath);

private:
    struct Impl;
    explicit OffscreenRenderer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace jinguo::platform
