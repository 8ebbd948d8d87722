// server_address.cpp — see server_address.hpp.
#include "core/server_address.hpp"

#include "core/text.hpp"

#include <cstring>

namespace jinguo {

bool looksLikeServerConnection(std::string_view path) {
    if (path.rfind("postgresql://", 0) == 0 || path.rfind("postgres://", 0) == 0) return true;
    const std::size_t start = path.find_first_not_of(' ');
    if (start == std::string_view::npos) return false;
    for (const char* key : {"host", "hostaddr", "port", "dbname", "user", "service"}) {
        const std::size_t length = std::strlen(key);
        if (path.compare(start, length, key) != 0) continue;
        const std::size_t equals = path.find_first_not_of(' ', start + length);
        if (equals != std::string_view::npos && path[equals] == '=') return true;
    }
    return false;
}

namespace {
bool hasLineBreakOrNul(const std::string& text) { return text.find_first_of(std::string("\r\n\0", 3)) != std::string::npos; }
} // namespace

std::string checkServerAddress(const ServerAddress& a) {
    if (trim(a.host).empty()) return "请填写服务器地址（例如 192.168.1.10 或 localhost）。";
    const std::string port = trim(a.port);
    bool digits = !port.empty() && port.size() <= 5;
    for (char c : port) digits = digits && c >= '0' && c <= '9';
    if (!digits || std::stol(port) < 1 || std::stol(port) > 65535)
        return "端口“" + a.port + "”不对：应是1到65535之间的数字，PostgreSQL默认是5432。";
    if (trim(a.database).empty()) return "请填写数据库名（服务器管理员建库时起的名字，例如 linjiang）。";
    if (trim(a.user).empty()) return "请填写用户名（服务器管理员为您添加的数据库用户）。";
    for (const std::string* field : {&a.host, &a.database, &a.user})
        if (hasLineBreakOrNul(*field)) return "服务器地址、数据库名和用户名里不能有换行。";
    return "";
}

std::string quoteConninfoValue(std::string_view value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\\' || c == '\'') out += '\\';
        out += c;
    }
    return out + "'";
}

std::string conninfoOf(const ServerAddress& a) {
    return "host=" + quoteConninfoValue(trim(a.host)) + " port=" + quoteConninfoValue(trim(a.port))
           + " dbname=" + quoteConninfoValue(trim(a.database)) + " user=" + quoteConninfoValue(trim(a.user));
}

} // namespace jinguo
