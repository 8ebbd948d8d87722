// command_line.hpp — parses `jinguo`'s arguments into one Command.
//
//   jinguo [--db FILE] [--section NAME] [--screenshot PNG [--frames N]] [--demo-if-new]
//   jinguo demo --db FILE
//   jinguo input-probe OUT            (developers: captures typed text, for the IME test)
//   jinguo --help | --version
//
// Parsing never touches files; main() acts on the result. Errors are Chinese
// sentences that say what is wrong and how to write it instead.
#pragma once

#include <string>
#include <vector>

namespace jinguo::cli {

enum class CommandKind { Gui, Demo, InputProbe, Help, Version };

struct Command {
    CommandKind kind = CommandKind::Gui;
    std::string dbPath;            // empty: the user's default database
    bool demoIfNew = false;        // no database yet -> open a demo database instead
    std::string section;           // GUI: the section to start on
    std::string screenshotPath;    // GUI: write a PNG after `frames` frames and quit
    int frames = 3;
    std::string outPath;           // input-probe
    std::string error;             // non-empty: print it (and the usage) and exit 2
};

Command parseCommandLine(const std::vector<std::string>& args);   // args without argv[0]

// The usage text, in Chinese.
const char* usageText();

// $XDG_DATA_HOME/jinguo/jinguo.db, or ~/.local/share/jinguo/jinguo.db.
std::string defaultDatabasePath();
// The demo database beside it (…/jinguo/demo.db).
std::string defaultDemoDatabasePath();

} // namespace jinguo::cli
