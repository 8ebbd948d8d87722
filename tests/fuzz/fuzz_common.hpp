// fuzz_common.hpp — shared by the libFuzzer harnesses: a private temporary
// folder per process (the readers take a path, and `-fork`/`-jobs` run many
// processes at once) and a sink that touches everything it is given.
#pragma once

#include "core/roster_mapping.hpp"
#include "core/spreadsheet.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>
#include <vector>

namespace fuzz {

// A folder made once per process, removed at exit.
inline const std::string& tempDir() {
    static const std::string dir = [] {
        const char* base = std::getenv("TMPDIR");
        std::string pattern = std::string(base && *base ? base : "/tmp") + "/jinguo-fuzz-XXXXXX";
        if (!mkdtemp(pattern.data())) {
            std::perror("mkdtemp");
            std::abort();
        }
        static std::string toRemove = pattern;
        std::atexit([] { std::system(("rm -rf '" + toRemove + "'").c_str()); });
        return pattern;
    }();
    return dir;
}

inline std::string writeTemp(const std::string& name, const std::uint8_t* data, std::size_t size) {
    const std::string path = tempDir() + "/" + name;
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) {
        std::perror("fopen");
        std::abort();
    }
    if (size && std::fwrite(data, 1, size, f) != size) std::abort();
    std::fclose(f);
    return path;
}

// Reads every byte of every cell (ASan sees any stale buffer) and runs the
// import's header detection on each sheet's first rows, as the import does.
class TouchingSink : public jinguo::sheet::RowSink {
public:
    bool beginSheet(const jinguo::sheet::SheetInfo& sheet) override {
        m_sum += sheet.name.size();
        m_firstRows.clear();
        return true;
    }
    bool row(const jinguo::sheet::Row& row) override {
        for (const auto& cell : row.cells) {
            for (char c : cell.text) m_sum += static_cast<unsigned char>(c);
            m_sum += cell.empty() ? 1 : 0;
        }
        if (row.number <= jinguo::roster::kHeaderScanRows) m_firstRows.push_back(row);
        return ++m_rows < 100000;   // cancelling is a path too
    }
    void endSheet() override {
        for (auto kind : {jinguo::roster::RosterKind::Volunteers, jinguo::roster::RosterKind::Families}) {
            auto found = jinguo::roster::detectHeader(m_firstRows, kind);
            if (found.mapping) m_sum += jinguo::roster::mappingJson(*found.mapping).size();
            else m_sum += found.message.size();
        }
    }
    std::size_t sum() const { return m_sum; }

private:
    std::vector<jinguo::sheet::Row> m_firstRows;
    std::size_t m_rows = 0;
    std::size_t m_sum = 0;
};

// JINGUO_FUZZ_VERBOSE=1 when replaying an input (`harness FILE`): what the
// reader made of it.
inline void report(const jinguo::sheet::ReadResult& result, const TouchingSink& sink) {
    static const bool verbose = std::getenv("JINGUO_FUZZ_VERBOSE") != nullptr;
    if (!verbose) return;
    std::fprintf(stderr, "status %d, %zu sheet(s), touched %zu; %s %s\n", static_cast<int>(result.status),
                 result.info.sheets.size(), sink.sum(), result.errorCode.c_str(), result.message.c_str());
}

// Smaller limits than the app's, so one input costs milliseconds; the
// checks are the same code with a smaller number.
inline jinguo::sheet::ReadOptions fuzzReadOptions() {
    jinguo::sheet::ReadOptions o;
    o.maxUncompressedBytes = 32u << 20;
    return o;
}

} // namespace fuzz
