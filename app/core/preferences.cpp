// preferences.cpp — see preferences.hpp.
#include "core/preferences.hpp"

#include "core/server_address.hpp"

#include "core/private_files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace jinguo {

namespace {

constexpr const char* kHeader = "# jinguo preferences 1";
constexpr std::size_t kMaxFileBytes = 64 * 1024;   // a larger file is not ours

// A path we keep: absolute, one line, no NUL.
// A file's absolute path, or a server's connection string (issue 18; the
// window never puts a password in one, core/server_address.hpp).
bool goodPath(const std::string& path) {
    return !path.empty() && path.size() < 4096 && (path[0] == '/' || looksLikeServerConnection(path))
        && path.find('\n') == std::string::npos
        && path.find('\r') == std::string::npos && path.find('\0') == std::string::npos;
}

bool parseInt(const std::string& text, int& out) {
    if (text.empty() || text.size() > 7) return false;
    char* end = nullptr;
    errno = 0;
    const long v = std::strtol(text.c_str(), &end, 10);
    if (errno != 0 || end != text.c_str() + text.size()) return false;
    out = static_cast<int>(v);
    return true;
}

} // namespace

int snapFontScale(int percent) {
    constexpr int lowest = kFontScaleSteps[0];
    constexpr int highest = kFontScaleSteps[std::size(kFontScaleSteps) - 1];
    if (percent < lowest || percent > highest) return 0;
    int best = lowest;
    for (int step : kFontScaleSteps)
        if (std::abs(step - percent) < std::abs(best - percent)) best = step;
    return best;
}

std::string preferencesPath() {
    const char* config = std::getenv("XDG_CONFIG_HOME");
    std::string base;
    if (config && config[0] == '/') base = config;
    else {
        const char* home = std::getenv("HOME");
        base = std::string(home && home[0] ? home : ".") + "/.config";
    }
    return base + "/jinguo/preferences";
}

std::string preferencesText(const Preferences& p) {
    std::string text = std::string(kHeader) + "\n";
    if (goodPath(p.lastDatabase)) text += "last=" + p.lastDatabase + "\n";
    for (const std::string& r : p.recentDatabases)
        if (goodPath(r)) text += "recent=" + r + "\n";
    if (p.window.known())
        text += "window=" + std::to_string(p.window.x) + "," + std::to_string(p.window.y) + ","
              + std::to_string(p.window.width) + "," + std::to_string(p.window.height) + "\n";
    // The default is left out: no key reads as 100 %.
    if (const int scale = snapFontScale(p.fontScalePercent); scale != 0 && scale != kFontScaleDefault)
        text += "font_scale=" + std::to_string(scale) + "\n";
    return text;
}

Preferences parsePreferences(const std::string& text) {
    Preferences p;
    std::istringstream in(text);
    std::string line;
    if (!std::getline(in, line) || line != kHeader) return p;   // not ours: defaults
    while (std::getline(in, line)) {
        const std::size_t eq = line.find('=');
        if (eq == std::string::npos) continue;
        const std::string key = line.substr(0, eq);
        const std::string value = line.substr(eq + 1);
        if (key == "last" && goodPath(value)) {
            p.lastDatabase = value;
        } else if (key == "recent" && goodPath(value) && p.recentDatabases.size() < kRecentKept
                   && std::find(p.recentDatabases.begin(), p.recentDatabases.end(), value) == p.recentDatabases.end()) {
            p.recentDatabases.push_back(value);
        } else if (key == "window") {
            int v[4];
            std::size_t start = 0;
            int n = 0;
            for (; n < 4; ++n) {
                const std::size_t comma = value.find(',', start);
                const std::string part = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
                if (!parseInt(part, v[n])) break;
                if (comma == std::string::npos) { ++n; break; }
                start = comma + 1;
            }
            // Four numbers, a size a screen can hold, a position not absurdly far away.
            if (n == 4 && v[2] >= 200 && v[2] <= 16384 && v[3] >= 150 && v[3] <= 16384 && std::abs(v[0]) <= 32768
                && std::abs(v[1]) <= 32768)
                p.window = {v[0], v[1], v[2], v[3]};
        } else if (key == "font_scale") {
            // A number of 100–150, snapped to a step; anything else keeps the default.
            int percent = 0;
            if (parseInt(value, percent) && snapFontScale(percent) != 0) p.fontScalePercent = snapFontScale(percent);
        }
    }
    return p;
}

Preferences readPreferences(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return {};
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || size > kMaxFileBytes) return {};
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return parsePreferences(text);
}

std::string writePreferences(const std::string& path, const Preferences& preferences) {
    const std::filesystem::path target(path);
    if (const std::string error = createPrivateFolders(target.parent_path().string()); !error.empty()) return error;
    const std::string temp = path + ".tmp-" + std::to_string(::getpid());
    ::unlink(temp.c_str());
    std::string error;
    if (!createPrivateFile(temp, &error))
        return "无法保存偏好设置“" + path + "”：" + (error.empty() ? std::string("文件无法创建") : error);
    const std::string text = preferencesText(preferences);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    bool ok = fd >= 0;
    std::size_t done = 0;
    while (ok && done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) ok = false;
        else done += static_cast<std::size_t>(n);
    }
    if (ok && ::fsync(fd) != 0) ok = false;
    if (fd >= 0 && ::close(fd) != 0) ok = false;
    if (ok && ::rename(temp.c_str(), path.c_str()) != 0) ok = false;
    if (!ok) {
        const std::string reason = std::strerror(errno);
        ::unlink(temp.c_str());
        return "无法保存偏好设置“" + path + "”（" + reason + "）。";
    }
    return "";
}

void rememberDatabase(Preferences& p, const std::string& path) {
    if (!goodPath(path)) return;
    p.lastDatabase = path;
    auto& r = p.recentDatabases;
    r.erase(std::remove(r.begin(), r.end(), path), r.end());
    r.insert(r.begin(), path);
    if (r.size() > kRecentKept) r.resize(kRecentKept);
}

bool databaseFileExists(const std::string& path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec);
}

} // namespace jinguo
