// file_hash.hpp — the SHA-256 of a file, to recognize a roster imported before.
#pragma once

#include <optional>
#include <string>

namespace jinguo {

// Lower-case hex digest, or nullopt when the file cannot be read.
std::optional<std::string> sha256OfFile(const std::string& path);

} // namespace jinguo
