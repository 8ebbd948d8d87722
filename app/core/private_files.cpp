// private_files.cpp — see private_files.hpp.
#include "core/private_files.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace jinguo {

std::string createPrivateFolders(const std::string& folder) {
    namespace fs = std::filesystem;
    std::vector<fs::path> missing;
    std::error_code ec;
    for (fs::path p = fs::path(folder).lexically_normal(); !p.empty() && !fs::exists(p, ec);
         p = p.parent_path()) {
        missing.push_back(p);
        if (p == p.parent_path()) break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        if (::mkdir(it->c_str(), kPrivateFolderMode) != 0 && errno != EEXIST)
            return "无法创建文件夹“" + it->string() + "”：" + std::strerror(errno) + "。请检查上级文件夹的权限。";
        ::chmod(it->c_str(), kPrivateFolderMode);   // mkdir's mode is cut by the umask
    }
    return {};
}

bool createPrivateFile(const std::string& path, std::string* error) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kPrivateFileMode);
    if (fd < 0) {
        if (errno != EEXIST && error) *error = std::strerror(errno);
        return false;
    }
    ::fchmod(fd, kPrivateFileMode);   // the umask may have taken bits away, never added: stays 0600
    ::close(fd);
    return true;
}

void makeFilePrivate(const std::string& path) { ::chmod(path.c_str(), kPrivateFileMode); }

} // namespace jinguo
