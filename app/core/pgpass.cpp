// pgpass.cpp — see pgpass.hpp.
#include "core/pgpass.hpp"
#include "core/password_keeper.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace jinguo {

namespace {
constexpr std::size_t kMaxPgpassBytes = 4 * 1024 * 1024;   // a password file, not a data file

bool hasLineBreak(const std::string& s) { return s.find_first_of(std::string("\r\n\0", 3)) != std::string::npos; }

std::string lineOf(const PgpassEntry& e) {
    return escapePgpassField(e.host) + ":" + escapePgpassField(e.port) + ":" + escapePgpassField(e.database) + ":"
           + escapePgpassField(e.user) + ":" + escapePgpassField(e.password);
}

std::string octal(unsigned mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", mode & 07777u);
    return text;
}
} // namespace

std::string pgpassPath() {
    if (const char* file = std::getenv("PGPASSFILE"); file && *file) return file;
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : ".") + "/.pgpass";
}

std::string escapePgpassField(std::string_view field) {
    if (field == "*") return "\\*";   // a literal star, not libpq's wildcard
    std::string out;
    for (char c : field) {
        if (c == ':' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

std::optional<std::vector<std::string>> parsePgpassLine(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') return std::nullopt;
    std::vector<std::string> fields(1);
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '\\' && i + 1 < line.size()) {
            fields.back() += line[++i];
        } else if (c == ':' && fields.size() < 5) {
            fields.emplace_back();
        } else {
            fields.back() += c;   // the password keeps any further ':' (libpq reads it to the end)
        }
    }
    if (fields.size() < 5) return std::nullopt;
    return fields;
}

std::string pgpassWithEntry(const std::string& text, const PgpassEntry& entry) {
    std::string out;
    bool placed = false;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        const bool lastWithoutBreak = end == std::string::npos;
        if (lastWithoutBreak) end = text.size();
        const std::string_view line(text.data() + start, end - start);
        const auto fields = parsePgpassLine(line);
        const bool same = fields && (*fields)[0] == entry.host && (*fields)[1] == entry.port
                          && (*fields)[2] == entry.database && (*fields)[3] == entry.user;
        if (same) {
            if (!placed) out += lineOf(entry) + "\n";
            placed = true;
        } else {
            out.append(line);
            out += '\n';
        }
        start = end + 1;
    }
    if (!placed) out += lineOf(entry) + "\n";
    return out;
}

bool pgpassHoldsEntry(const std::string& path, const PgpassEntry& entry) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        const auto fields = parsePgpassLine(line);
        if (fields && (*fields)[0] == entry.host && (*fields)[1] == entry.port && (*fields)[2] == entry.database
            && (*fields)[3] == entry.user)
            return true;
    }
    return false;
}

PgpassWritten rememberPgPassword(const std::string& path, const PgpassEntry& entry) {
    PgpassWritten result;
    for (const std::string* field : {&entry.host, &entry.port, &entry.database, &entry.user, &entry.password})
        if (hasLineBreak(*field)) {
            result.error = "密码或服务器信息里有换行，无法记在密码文件“" + path + "”里；密码没有记住，请每次输入。";
            return result;
        }
    std::string text;
    struct stat info {};
    if (::lstat(path.c_str(), &info) == 0) {
        if (S_ISLNK(info.st_mode)) {
            result.error = "密码文件“" + path + "”是一个符号链接：为免改到别处的文件，没有写入，密码没有记住。"
                           "请把它换成普通文件（或设置 PGPASSFILE 指向一个普通文件）。";
            return result;
        }
        if (!S_ISREG(info.st_mode)) {
            result.error = "“" + path + "”不是普通文件，无法把密码记在那里；密码没有记住。";
            return result;
        }
        if (info.st_uid != ::getuid()) {
            result.error = "密码文件“" + path + "”属于另一个系统用户，没有写入，密码没有记住。";
            return result;
        }
        if (static_cast<std::size_t>(info.st_size) > kMaxPgpassBytes) {
            result.error = "密码文件“" + path + "”大得不正常（超过4 MB），没有改动它，密码没有记住。";
            return result;
        }
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            result.error = "无法读取密码文件“" + path + "”（" + std::strerror(errno) + "），密码没有记住。";
            return result;
        }
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if ((info.st_mode & 077) != 0)
            result.note = "密码文件“" + path + "”原来的权限是" + octal(info.st_mode)
                          + "（别的用户也能读，PostgreSQL会拒绝使用它），现已改为0600，只有您能读。";
    } else if (errno != ENOENT) {
        result.error = "无法查看密码文件“" + path + "”（" + std::strerror(errno) + "），密码没有记住。";
        return result;
    }
    const std::string content = pgpassWithEntry(text, entry);
    const std::string temp = path + ".tmp-" + std::to_string(::getpid());
    ::unlink(temp.c_str());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        result.error = "无法在“" + path + "”所在的文件夹写入密码文件（" + std::strerror(errno) + "），密码没有记住。";
        result.note.clear();
        return result;
    }
    bool ok = ::fchmod(fd, 0600) == 0;   // whatever the umask
    std::size_t done = 0;
    while (ok && done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) ok = false;
        else done += static_cast<std::size_t>(n);
    }
    if (ok && ::fsync(fd) != 0) ok = false;
    if (::close(fd) != 0) ok = false;
    if (ok && ::rename(temp.c_str(), path.c_str()) != 0) ok = false;
    if (!ok) {
        const std::string reason = std::strerror(errno);
        ::unlink(temp.c_str());
        result.error = "写入密码文件“" + path + "”失败（" + reason + "），原文件未改动，密码没有记住。";
        result.note.clear();
    }
    return result;
}

} // namespace jinguo

namespace jinguo {

PasswordKeeper pgpassKeeper() {
    PasswordKeeper keeper;
    keeper.place = [] { return std::string("~/.pgpass"); };
    keeper.keep = [](const PgpassEntry& entry) { return rememberPgPassword(pgpassPath(), entry); };
    keeper.find = [](const PgpassEntry&) { return std::optional<std::string>(); };   // libpq reads the file
    return keeper;
}

} // namespace jinguo
