// snapshot.hpp — `jinguo snapshot`: the meeting slides as PNG files, rendered
// off-screen (platform::OffscreenRenderer) at 1920×1080 or
// 3840×2160, for WeChat groups and slide decks. It needs an X display (works
// under Xvfb) but opens no window.
//
// The slides are the presenter's saved show (演示: chosen slides in order,
// scope, name masking); `--slide N` is its N-th slide, `--slide all` writes
// every one as NN-code.png into a folder, `--slide race` a slide by its code
// even if it is not in the show.
#pragma once

#include "storage/storage.hpp"

#include <ostream>
#include <string>

namespace jinguo::gui {

struct SnapshotRequest {
    std::string slide;     // "all", "1"…, or a code
    std::string outPath;   // a .png file, or the folder for "all"
    int width = 1920;
    int height = 1080;
    std::string today;     // YYYY-MM-DD; empty: the system date
};

// Returns the exit code: 0 written, 1 failed (message on err), 2 bad request.
int runSnapshot(storage::Storage& storage, const SnapshotRequest& request, std::ostream& out, std::ostream& err);

} // namespace jinguo::gui
