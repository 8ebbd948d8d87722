// secret_store.cpp — see secret_store.hpp.
#include "platform/secret_store.hpp"

#include <libsecret/secret.h>

#include <cstdlib>
#include <filesystem>

namespace jinguo::platform {

namespace {

const SecretSchema* serverSchema() {
    static const SecretSchema schema = [] {
        SecretSchema s{};
        s.name = "org.jinguo.ServerPassword";
        s.flags = SECRET_SCHEMA_NONE;
        s.attributes[0] = {"host", SECRET_SCHEMA_ATTRIBUTE_STRING};
        s.attributes[1] = {"port", SECRET_SCHEMA_ATTRIBUTE_STRING};
        s.attributes[2] = {"database", SECRET_SCHEMA_ATTRIBUTE_STRING};
        s.attributes[3] = {"user", SECRET_SCHEMA_ATTRIBUTE_STRING};
        return s;
    }();
    return &schema;
}

// GLib would try to autolaunch a bus (dbus-launch) when none is named;
// without an address or the systemd user bus there is no service to ask.
bool sessionBusNamed() {
    const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS");
    if (address && *address) return true;
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    std::error_code ec;
    return runtime && *runtime && std::filesystem::exists(std::filesystem::path(runtime) / "bus", ec);
}

std::string errorText(GError* error) {
    std::string text = error && error->message ? error->message : "未知原因";
    if (error) g_error_free(error);
    return text;
}

} // namespace

bool secretServiceAvailable() {
    if (!sessionBusNamed()) return false;
    GError* error = nullptr;
    gchar* found = secret_password_lookup_sync(serverSchema(), nullptr, &error, "host", "", "port", "", "database", "",
                                               "user", "", nullptr);
    if (found) secret_password_free(found);
    if (error) {
        g_error_free(error);
        return false;
    }
    return true;
}

std::string storeInSecretService(const PgpassEntry& e) {
    if (!sessionBusNamed()) return "没有桌面会话总线（D-Bus），找不到系统密钥环";
    const std::string label = "Jinguo 服务器 " + e.user + "@" + e.host + ":" + e.port + "/" + e.database;
    GError* error = nullptr;
    const gboolean stored =
        secret_password_store_sync(serverSchema(), SECRET_COLLECTION_DEFAULT, label.c_str(), e.password.c_str(), nullptr,
                                   &error, "host", e.host.c_str(), "port", e.port.c_str(), "database",
                                   e.database.c_str(), "user", e.user.c_str(), nullptr);
    if (stored && !error) return "";
    return "系统密钥环没有保存密码（" + errorText(error) + "）";
}

std::optional<std::string> findInSecretService(const PgpassEntry& e) {
    if (!sessionBusNamed()) return std::nullopt;
    GError* error = nullptr;
    gchar* found = secret_password_lookup_sync(serverSchema(), nullptr, &error, "host", e.host.c_str(), "port",
                                               e.port.c_str(), "database", e.database.c_str(), "user", e.user.c_str(),
                                               nullptr);
    if (error) g_error_free(error);
    if (!found) return std::nullopt;
    std::string password = found;
    secret_password_free(found);
    return password;
}

namespace {
// Asked once a run: the label beside 记住密码 must not cost a D-Bus round trip a frame.
bool availableThisRun() {
    static const bool available = secretServiceAvailable();
    return available;
}
} // namespace

PasswordKeeper desktopPasswordKeeper() {
    PasswordKeeper keeper;
    keeper.place = [] { return std::string(availableThisRun() ? "系统密钥环" : "~/.pgpass"); };
    keeper.keep = [](const PgpassEntry& entry) {
        if (!availableThisRun()) return rememberPgPassword(pgpassPath(), entry);
        const std::string refused = storeInSecretService(entry);
        if (refused.empty()) return PgpassWritten{"", ""};
        PgpassWritten written = rememberPgPassword(pgpassPath(), entry);
        if (written.error.empty())
            written.note = refused + "，已改记在 " + pgpassPath() + "（只有您能读）。" + written.note;
        return written;
    };
    keeper.find = [](const PgpassEntry& entry) {
        return availableThisRun() ? findInSecretService(entry) : std::optional<std::string>();
    };
    return keeper;
}

} // namespace jinguo::platform
