// input_probe.hpp — `jinguo input-probe OUT`: a window with one text field, for
// testing keyboard and input-method input end to end (tests/ime_fcitx_test.sh).
#pragma once

#include <string>

namespace jinguo::platform {

// Opens an SFML window titled 输入测试 with one focused ImGui InputText, driven
// by ImGuiSfmlBinding and the input-method fix. Writes the field's UTF-8
// content to outFile (atomically: temp file + rename) once the window is up
// (empty: "ready for typing") and again whenever it changes. Returns 0 when the
// window is closed or after $JINGUO_PROBE_SECONDS seconds (default 30); 1 if
// outFile cannot be written.
int runInputProbe(const std::string& outFile);

} // namespace jinguo::platform
