// file_hash.cpp — SHA-256 through nettle, read in 1 MiB chunks.
#include "core/file_hash.hpp"

#include <nettle/sha2.h>

#include <cstdio>
#include <memory>
#include <vector>

namespace jinguo {

std::optional<std::string> sha256OfFile(const std::string& path) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) return std::nullopt;
    sha256_ctx context;
    sha256_init(&context);
    std::vector<unsigned char> buffer(1 << 20);
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0) sha256_update(&context, n, buffer.data());
    if (std::ferror(file.get())) return std::nullopt;
    unsigned char digest[SHA256_DIGEST_SIZE];
    sha256_digest(&context, SHA256_DIGEST_SIZE, digest);
    static const char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char byte : digest) {
        out.push_back(hex[byte >> 4]);
        out.push_back(hex[byte & 15]);
    }
    return out;
}

} // namespace jinguo
