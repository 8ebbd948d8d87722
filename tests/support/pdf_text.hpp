// pdf_text.hpp — reading a written PDF back with poppler-utils (pdftotext,
// pdfinfo), as a user's viewer would: the tests check the text a reader can
// select and copy, not our own idea of what we drew.
#pragma once

#include <cstdio>
#include <string>

namespace jinguo::test {

inline std::string shellQuoted(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

inline std::string commandOutput(const std::string& command) {
    std::string out;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        char buffer[4096];
        std::size_t n = 0;
        while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
        ::pclose(pipe);
    }
    return out;
}

// The text of pages first..last (0: to the end), as pdftotext extracts it.
inline std::string pdfText(const std::string& path, int first = 1, int last = 0) {
    std::string command = "pdftotext -enc UTF-8 -f " + std::to_string(first);
    if (last > 0) command += " -l " + std::to_string(last);
    return commandOutput(command + " " + shellQuoted(path) + " - 2>/dev/null");
}

// Without spaces and line breaks: a sentence wrapped or justified over lines reads whole.
inline std::string withoutSpaces(const std::string& text) {
    std::string out;
    for (char c : text)
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\f') out += c;
    return out;
}

// pdfinfo's "Pages:", or -1 when it cannot read the file.
inline int pdfPageCount(const std::string& path) {
    const std::string info = commandOutput("pdfinfo " + shellQuoted(path) + " 2>/dev/null");
    const std::size_t at = info.find("Pages:");
    if (at == std::string::npos) return -1;
    return std::stoi(info.substr(at + 6));
}

} // namespace jinguo::test
