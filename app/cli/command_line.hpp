// command_line.hpp — parses `jinguo`'s arguments into one Command.
//
//   jinguo [--db FILE] [--section NAME] [--screenshot PNG [--frames N | --screenshot-at-ms MS]]
//          [--measure FILE] [--demo-if-new]
//   jinguo demo --db FILE
//   jinguo leaderboard --db FILE --board B [--metric M] [--period P] [--scope UNIT] [--json] [--today DATE]
//   jinguo targets --db FILE [--year YYYY] [--json] [--today DATE]
//   jinguo targets set --db FILE --unit U --metric M [--title T] [--level L|不限] [--indicator N]
//                  --goal G [--year YYYY] [--note TEXT]
//   jinguo targets remove --db FILE --unit U --metric M [--title T] [--level L|不限] [--indicator N] [--year YYYY]
//   jinguo targets copy --db FILE --from YYYY [--year YYYY]
//   jinguo import --db FILE --kind volunteers|families [--sheet NAME]... [--dry-run] [--accept-renames] [--report-json OUT] FILE...
//   jinguo export --db FILE --table volunteers|families --out FILE.xlsx|FILE.csv [--unmasked]
//   jinguo backup --db FILE [--out FILE]
//   jinguo restore --db FILE --from BACKUP
//   jinguo snapshot --db FILE --slide N|all|CODE --out PATH [--size 1920x1080] [--today DATE]
//   jinguo audit-prune --db FILE [--days N]
//   jinguo report --db FILE --year YYYY --out FILE.pdf [--today DATE]
//   jinguo report --db FILE --board B [--metric M] [--period P] [--scope UNIT] --out FILE.pdf [--today DATE]
//   jinguo input-probe OUT            (developers: captures typed text, for the IME test)
//   jinguo --help | --version
//
// Parsing never touches files; main() acts on the result. Errors are Chinese
// sentences that say what is wrong and how to write it instead. The values of
// leaderboard and targets (board, metric, period, year, date) are checked
// here, so a typo fails before any database is opened; the scope name needs
// the database and is checked by the command.
#pragma once

#include <string>
#include <vector>

namespace jinguo::cli {

enum class CommandKind { Gui, Demo, InputProbe, Help, Version, Leaderboard, Targets, Import, Export, Snapshot,
                         AuditPrune, Backup, Restore, Report };

struct Command {
    CommandKind kind = CommandKind::Gui;
    std::string dbPath;            // empty: the user's default database
    bool demoIfNew = false;        // no database yet -> open a demo database instead
    std::string section;           // GUI: the section to start on
    std::string screenshotPath;    // GUI: write a PNG after `frames` frames and quit
    int frames = 3;
    bool framesGiven = false;      // --frames written (--measure alone runs until its data settles)
    std::string measurePath;       // GUI: --measure FILE, a line per frame (gui_main.hpp FrameMeter)
    int screenshotAtMs = -1;       // GUI: --screenshot-at-ms MS, the shot at the first frame starting after MS
    std::string outPath;           // input-probe
    // leaderboard and targets
    std::string board;             // leaderboard: volunteers, communities, streets, posts
    std::string metric;            // leaderboard: empty = the board's default (see aggregates.hpp)
    std::string period;            // leaderboard: empty = the year of `today`
    std::string scope;             // leaderboard: a unit name; empty = the whole district
    int year = 0;                  // targets: 0 = the year of `today`; report: the year asked (0 = a board)
    // targets set|remove|copy (empty targetAction: read the progress)
    std::string targetAction;      // "set", "remove", "copy"
    std::string unit;              // --unit: a unit name (as --scope: "街道/社区" when two share it)
    std::string title;             // --title: the award title's name (平安家庭)
    std::string level;             // --level: 区, 区级 …; 不限 or empty = any level (rates)
    std::string indicator;         // --indicator: a manual indicator's name
    std::string goal;              // --goal as written: 90%, 0.9, 1200
    std::string note;              // --note
    int fromYear = 0;              // copy --from
    std::string today;             // YYYY-MM-DD to measure against; empty = the system date
    bool json = false;
    // import and export
    std::string importKind;        // import: volunteers, families
    std::vector<std::string> sheets;   // import: --sheet NAME (repeatable)
    bool dryRun = false;           // import
    bool acceptRenames = false;    // import: --accept-renames (a stored person's name follows the roster)
    std::string createUnitsUnder;  // import: --create-units-under 街道或镇 (unknown 所属社区 created there first)
    std::vector<std::string> mapUnits;   // import: --map-unit 旧名=单位名, as given (checked by runImport)
    std::string reportJson;        // import: --report-json OUT
    std::string hoursMean;         // import: --hours-mean total|period (what 服务时长 means)
    std::string hoursPeriod;       // import: --hours-period 2026Q1 (with --hours-mean period)
    std::string asOf;              // import: --as-of YYYY-MM-DD (the date the roster is as of)
    std::vector<std::string> files;    // import: the rosters
    std::string table;             // export: volunteers, families
    bool unmasked = false;         // export
    std::string fromPath;          // restore: --from BACKUP (backup: --out is outPath)
    // snapshot (outPath: a .png file, or the folder for --slide all)
    std::string slide;             // "all", a number (1 = the first slide of the saved show) or a code (race …)
    int width = 1920;              // --size WxH
    int height = 1080;
    int days = -1;                 // audit-prune: --days N (-1: the setting privacy.audit_retention_days)
    std::string error;             // non-empty: print it (and the usage) and exit 2
                                   // (leaderboard/targets: the one line only)
};

Command parseCommandLine(const std::vector<std::string>& args);   // args without argv[0]

// "1920x1080" (x, X or ×) into width and height, 320–7680 × 180–4320.
bool parseSnapshotSize(const std::string& text, int& width, int& height);

// The usage text, in Chinese.
const char* usageText();

// $XDG_DATA_HOME/jinguo/jinguo.db, or ~/.local/share/jinguo/jinguo.db.
std::string defaultDatabasePath();
// The demo database beside it (…/jinguo/demo.db).
std::string defaultDemoDatabasePath();

} // namespace jinguo::cli
