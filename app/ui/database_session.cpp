// database_session.cpp — see database_session.hpp.
#include "ui/database_session.hpp"

#include "core/private_files.hpp"
#include "core/vocabulary.hpp"
#include "demo/demo.hpp"
#include "storage/backup_store.hpp"
#include "storage/pg_connection.hpp"
#include "storage/pg_security.hpp"
#include "storage/record_store.hpp"
#include "ui/ui_strings.hpp"

#include <filesystem>
#include <sstream>
#include <utility>

#include <unistd.h>

namespace fs = std::filesystem;

namespace jinguo::ui {

namespace {

std::string trimmed(const std::string& text) {
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    const std::size_t last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

void removeDatabaseFiles(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

// "" when a new file can be made in `path`'s folder (created 0700 when missing).
std::string checkNewFilePlace(const std::string& path) {
    std::error_code ec;
    if (fs::symlink_status(path, ec).type() != fs::file_type::not_found) return str::kNewExists;
    std::string folder = fs::path(path).parent_path().string();
    if (folder.empty()) folder = ".";
    if (!fs::is_directory(folder, ec)) {
        if (!createPrivateFolders(folder).empty() || !fs::is_directory(folder, ec))
            return std::string(str::kNewNoFolder) + folder;
    }
    if (::access(folder.c_str(), W_OK | X_OK) != 0)
        return std::string(str::kNewNotWritable) + folder + str::kNewNotWritableHint;
    return "";
}

} // namespace

std::string chosenFileRefused(const std::string& chosen, const std::string& current, const storage::OpenError& e) {
    if (storage::isServerConnection(chosen))   // the server's refusal names it and says what to do
        return std::string(e.what()) + "\n" + str::kOpenKeptA + storage::databaseDisplayName(current) + str::kOpenKeptB;
    std::string out = std::string(str::kOpenFailedPrefix) + "“" + chosen + "”";
    const std::string kept = std::string(str::kOpenKeptA) + current + str::kOpenKeptB;
    switch (e.failure()) {
    case storage::OpenFailure::Damaged:
        // The storage's own words speak of restoring over the file (the
        // startup window): from the menu the way out is another file.
        return out + str::kOpenChosenDamaged + "\n" + kept + "\n" + str::kOpenDamagedTodoA
             + storage::backupFolderFor(chosen) + str::kOpenDamagedTodoB;
    case storage::OpenFailure::NotJinguo:
        return out + str::kOpenChosenNotJinguo + "\n" + kept + "\n" + str::kOpenNotJinguoTodo;
    default:   // busy, no access, too new: the storage's message says what to do
        return out + str::kOpenChosenOther + "\n" + kept + "\n" + str::kOpenReason + e.what();
    }
}

bool sameFile(const std::string& a, const std::string& b) {
    if (storage::isServerConnection(a) || storage::isServerConnection(b)) return a == b;
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec);
    return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

std::string createNewDatabase(const std::string& path, const std::string& districtName) {
    const std::string district = trimmed(districtName);
    if (district.empty()) return str::kNewNoDistrict;
    if (trimmed(path).empty()) return str::kNewNoPath;
    if (std::string problem = checkNewFilePlace(path); !problem.empty()) return problem;
    try {
        storage::Storage storage(path);
        OrgUnit root;
        root.name = district;
        root.kind = rootKindFor(district);
        storage::RecordStore(storage).addUnit(root);
        storage.db().checkpointWal();
    } catch (const std::exception& e) {
        removeDatabaseFiles(path);   // a file we could not finish is not left behind
        return std::string(str::kNewFailed) + e.what();
    }
    return "";
}

std::string createDemoDatabase(const std::string& path) {
    std::error_code ec;
    if (fs::exists(path, ec)) return "";   // written before: opened as it is
    if (const std::string error = createPrivateFolders(fs::path(path).parent_path().string()); !error.empty())
        return std::string(str::kDemoFailed) + error;
    std::ostringstream out, err;
    if (demo::runDemoCommand(path, out, err) != 0) return err.str();   // "无法生成演示数据：…", the file removed
    return "";
}

void startDemoDatabase(Task<std::string>& job, const std::string& path) {
    // The body touches nothing of the window: a path in, a message out. It
    // writes its own file with its own connection (demo::runDemoCommand).
    job.start(TaskKey{0, "demo:" + path}, [path](TaskControl&) { return createDemoDatabase(path); });
}

std::string saveDatabaseAs(storage::Storage& storage, const std::string& target) {
    if (sameFile(target, storage.path())) return str::kSaveAsSame;
    std::error_code ec;
    if (fs::symlink_status(target, ec).type() != fs::file_type::not_found) return str::kSaveAsExists;
    if (std::string problem = checkNewFilePlace(target); !problem.empty()) return problem;
    try {
        storage::BackupStore(storage.path()).create("另存为", target);
    } catch (const std::exception& e) {
        removeDatabaseFiles(target);
        return std::string(str::kSaveAsFailed) + e.what();
    }
    return "";
}

DatabaseSession::DatabaseSession(std::unique_ptr<storage::Storage> storage, DatabasePlaces places,
                                 Preferences preferences, std::string preferencesPath, Hooks hooks)
    : m_storage(std::move(storage)), m_places(std::move(places)), m_preferences(std::move(preferences)),
      m_preferencesPath(std::move(preferencesPath)), m_hooks(std::move(hooks)) {
    m_app = std::make_unique<AppState>(*m_storage);
    m_app->ownDatabasePath = m_places.own;
    m_app->demoDatabasePath = m_places.demo;
    m_app->demoDatabase = !m_places.demo.empty() && sameFile(m_storage->path(), m_places.demo);
    m_app->fontScalePercent = m_preferences.fontScalePercent;
    if (m_hooks.prepare) m_hooks.prepare(*m_app);
    remember();
}

DatabaseSession::~DatabaseSession() {
    if (m_opener.joinable()) m_opener.join();   // an open under way finishes (an upgrade cannot stop half-way)
    m_app.reset();   // every screen's task cancelled and waited before the storage closes
}

std::string DatabaseSession::savePreferences() {
    if (m_preferencesPath.empty()) return "";
    return writePreferences(m_preferencesPath, m_preferences);
}

bool DatabaseSession::keepFontScale() {
    const int chosen = snapFontScale(m_app->fontScalePercent);
    if (chosen == 0) {   // nothing a screen offers: back to what is kept
        m_app->fontScalePercent = m_preferences.fontScalePercent;
        return false;
    }
    m_app->fontScalePercent = chosen;
    if (chosen == m_preferences.fontScalePercent) return false;
    m_preferences.fontScalePercent = chosen;
    if (const std::string error = savePreferences(); !error.empty()) {
        m_app->fileError = error;
        if (m_app->noteText) m_app->noteText(error);
    }
    return true;
}

void DatabaseSession::remember() {
    const std::string& path = m_storage->path();
    if (storage::isServerConnection(path)) {
        // Kept as it was asked for, unless it holds a password (--db with
        // user:secret@): the preferences file is no place for one.
        if (!storage::conninfoHasPassword(path)) rememberDatabase(m_preferences, path);
    } else {
        // A path as the user will see it again in 最近打开: absolute.
        std::error_code ec;
        const fs::path absolute = fs::absolute(path, ec);
        rememberDatabase(m_preferences, ec ? path : absolute.lexically_normal().string());
    }
    m_app->recentDatabases = m_preferences.recentDatabases;
    if (const std::string error = savePreferences(); !error.empty()) m_app->fileError = error;
}

bool DatabaseSession::switchIfRequested() {
    if (opening()) {
        m_app->openRequest.clear();   // the menu is not drawn meanwhile; one open at a time
        return m_opening.wait_for(std::chrono::seconds(0)) == std::future_status::ready && finishOpening();
    }
    if (m_app->openRequest.empty()) return false;
    const std::string path = std::exchange(m_app->openRequest, std::string());
    if (sameFile(path, m_storage->path())) return false;
    std::error_code ec;
    if (!storage::isServerConnection(path) && !fs::exists(path, ec)) {
        m_app->fileError = std::string(str::kOpenMissing) + path;
        if (m_app->noteText) m_app->noteText(m_app->fileError);
        return false;
    }
    startOpening(path);
    return m_opening.wait_for(m_openPatience) == std::future_status::ready && finishOpening();
}

double DatabaseSession::openingSeconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_openingSince).count();
}

void DatabaseSession::startOpening(const std::string& path) {
    m_openingPath = path;
    m_openingSince = std::chrono::steady_clock::now();
    m_openingProgress = std::make_shared<storage::OpenProgress>();
    std::packaged_task<Opened()> open([path, current = m_storage->path(), progress = m_openingProgress,
                                       openFile = m_hooks.openFile]() {
        const storage::ScopedOpenProgress watch(*progress);
        Opened opened;
        try {
            opened.storage = openFile ? openFile(path) : std::make_unique<storage::Storage>(path);
        } catch (const storage::OpenError& e) {
            // Not the startup window's way out (restore over the file): the
            // chosen file is only looked at, and the open database stays.
            opened.refusal = chosenFileRefused(path, current, e);
        } catch (const std::exception& e) {
            opened.refusal = std::string(str::kOpenFailedPrefix) + "“" + storage::databaseDisplayName(path) + "”" + str::kOpenChosenOther + "\n"
                           + str::kOpenKeptA + current + str::kOpenKeptB + "\n" + str::kOpenReason + e.what();
        }
        return opened;
    });
    m_opening = open.get_future();
    m_opener = std::thread(std::move(open));
}

bool DatabaseSession::finishOpening() {
    m_opener.join();
    Opened opened = m_opening.get();   // m_opening is invalid from here: opening() is false
    const std::string path = std::exchange(m_openingPath, std::string());
    if (!opened.storage) {
        m_app->fileError = opened.refusal;
        if (m_app->noteText) m_app->noteText(m_app->fileError);
        return false;
    }
    // What belongs to the window, not to the database, goes over.
    AppState& old = *m_app;
    const std::string today = old.today;
    const std::string fontWarning = old.fontWarning;
    const SqlCheck sqlCheck = old.sqlCheck;
    m_app.reset();   // screens closed: their tasks cancelled and waited
    try {
        m_storage->db().checkpointWal();   // the old .db complete on its own
    } catch (const std::exception&) {
    }
    m_storage = std::move(opened.storage);
    m_app = std::make_unique<AppState>(*m_storage);
    m_app->today = today;
    m_app->fontWarning = fontWarning;
    m_app->sqlCheck = sqlCheck;
    m_app->ownDatabasePath = m_places.own;
    m_app->demoDatabasePath = m_places.demo;
    m_app->demoDatabase = !m_places.demo.empty() && sameFile(path, m_places.demo);
    m_app->fontScalePercent = m_preferences.fontScalePercent;   // the window's, not the database's
    if (m_hooks.prepare) m_hooks.prepare(*m_app);
    remember();
    // 记住密码: what writing ~/.pgpass had to say (a refusal, a mode fixed).
    if (const std::string said = storage::takePasswordFileMessage(); !said.empty()) {
        m_app->fileError = said;
        if (m_app->noteText) m_app->noteText(said);
    }
    if (m_hooks.opened) m_hooks.opened(*m_app);
    return true;
}

} // namespace jinguo::ui
