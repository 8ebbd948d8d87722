// fuzz_spreadsheet_csv.cpp — the CSV/TSV reader (spreadsheet_csv.cpp) through
// the public API: the input is the whole file. Its extension (.csv, .tsv,
// .txt) comes from the first byte, so a seed stays a real file.
#include "fuzz_common.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const char* const kNames[] = {"roster.csv", "roster.tsv", "roster.txt", "名单.csv"};
    const char* name = kNames[size ? data[0] % 4 : 0];
    const std::string path = fuzz::writeTemp(name, data, size);
    const auto options = fuzz::fuzzReadOptions();

    fuzz::TouchingSink sink;
    auto result = jinguo::sheet::readSpreadsheet(path, sink, options);
    volatile std::size_t keep = sink.sum() + result.message.size() + result.info.sheets.size();
    fuzz::report(result, sink);
    // listSheets reads the start again (1 MiB buffer, zeroed: most of an
    // input's cost under ASan): one input in eight.
    if (size % 8 == 0) {
        auto listed = jinguo::sheet::listSheets(path, options);
        keep = keep + listed.info.sheets.size();
    }
    (void)keep;
    return 0;
}
