// private_files.hpp — files and folders only their owner can read.
//
// The database holds citizens' ID numbers and phones: it, its -wal/-shm, the
// data folder and every export are created 0600 / 0700 whatever the umask.
// SQLite gives -wal and -shm the main file's permissions, so creating the
// main file 0600 before SQLite opens it is enough for them too.
#pragma once

#include <string>

namespace jinguo {

constexpr unsigned kPrivateFileMode = 0600;
constexpr unsigned kPrivateFolderMode = 0700;

// Creates `folder` and any missing parents, each new one 0700 (folders that
// already exist keep their mode). Returns "" or a Chinese message.
std::string createPrivateFolders(const std::string& folder);

// Creates `path` empty with mode 0600 when it does not exist (an existing
// file is left as it is). Returns true when it created the file.
bool createPrivateFile(const std::string& path, std::string* error = nullptr);

// Sets an existing file to 0600 (no-op when it does not exist).
void makeFilePrivate(const std::string& path);

} // namespace jinguo
