// spreadsheet.cpp — picks the reader by content and extension, and words the
// refusals. The readers live in spreadsheet_xlsx.cpp and spreadsheet_csv.cpp.
#include "core/spreadsheet.hpp"
#include "core/spreadsheet_detail.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <optional>

namespace jinguo::sheet::detail {
namespace {

std::string quoted(const std::string& name) { return "“" + name + "”"; }

// How to turn any file Excel, WPS or LibreOffice can open into one we read: said once.
const char* const kSaveAsXlsx = "点“文件 → 另存为”，保存类型选“Excel工作簿(*.xlsx)”，再导入另存的.xlsx文件。";

} // namespace

ReadResult refuse(Refusal why, const std::string& name, const std::string& detail) {
    ReadResult r;
    r.status = ReadStatus::Failed;
    r.errorCode = "unsupported_format";
    const std::string cannot = "无法读取" + quoted(name) + "：";
    switch (why) {
    case Refusal::Missing:
        r.message = "找不到文件" + quoted(name) + "。请确认文件还在原来的位置。";
        break;
    case Refusal::NoAccess:
        r.message = "无法打开文件" + quoted(name) + "：没有读取权限，或文件无法访问" +
                    (detail.empty() ? "" : "（" + detail + "）") + "。";
        break;
    case Refusal::Directory:
        r.message = quoted(name) + "是一个文件夹，不是表格文件。请选择其中的.xlsx或.csv文件。";
        break;
    case Refusal::Xls:
        r.message = cannot + "这是旧版Excel（.xls）格式，本程序不能直接读取。请在Excel、WPS或LibreOffice中打开它，" + kSaveAsXlsx;
        break;
    case Refusal::Et:
        r.message = cannot + "这是WPS表格（.et）格式，本程序不能直接读取。请在WPS中打开它，" + kSaveAsXlsx;
        break;
    case Refusal::Ods:
        r.message = cannot + "这是OpenDocument表格（.ods）格式，本程序不能直接读取。请在WPS、Excel或LibreOffice中打开它，" + kSaveAsXlsx;
        break;
    case Refusal::Numbers:
        r.message = cannot + "这是苹果Numbers表格（.numbers）格式。请在Numbers中选择“文件 › 导出为 › Excel”，"
                    "导出为.xlsx后再导入。";
        break;
    case Refusal::Xlsb:
        r.message = cannot + "这是Excel二进制工作簿（.xlsb）格式。请在Excel或WPS中打开，" + kSaveAsXlsx;
        break;
    case Refusal::OleXlsx:
        r.message = cannot + "文件名是.xlsx，内容却是旧版Excel（.xls）格式。请在Excel或WPS中打开，" + kSaveAsXlsx;
        break;
    case Refusal::Encrypted:
        r.message = cannot + "这是受保护/加密的Excel文件（设置了打开密码，或由其他系统导出时加了Excel默认的保护，"
                    "Excel打开时不一定要求输入密码），本程序无法读取加密的内容。请在Excel/WPS中打开后另存为普通.xlsx"
                    "（另存时不要设置密码），再导入另存的文件。";
        break;
    case Refusal::TextBomb:
        r.message = cannot + "文件中的文字展开后远大于文件本身" + (detail.empty() ? "" : "（" + detail + "）") +
                    "，可能已损坏或是恶意构造的文件，已停止读取。请在Excel或WPS中打开检查，" + kSaveAsXlsx;
        break;
    case Refusal::OutOfMemory:
        r.message = cannot + "内存不足，读取已停止，未导入任何数据。请关闭其他程序后重试；"
                    "如果文件很大，请拆分成几个文件再导入。";
        break;
    case Refusal::NotSpreadsheet:
        r.message = cannot + "这不是可以导入的表格文件。请导入Excel工作簿（.xlsx）或CSV文件（.csv）。";
        break;
    case Refusal::Corrupt:
        r.message = cannot + "文件已损坏或不完整" + (detail.empty() ? "" : "（" + detail + "）") +
                    "。请在Excel或WPS中打开检查，" + kSaveAsXlsx;
        break;
    case Refusal::TooLarge:
        r.message = cannot + "文件解压后超过" + detail + "，可能已损坏或是恶意构造的文件，已停止读取。"
                    "如果确实是很大的名单，请拆分成几个文件再导入。";
        break;
    case Refusal::TooDeep:
        r.message = cannot + "文件内部结构嵌套过深" + (detail.empty() ? "" : "（" + detail + "）") +
                    "，可能已损坏或是恶意构造的文件，已停止读取。";
        break;
    case Refusal::NotText:
        r.message = cannot + "文件内容不是文字，不是有效的CSV文件。请导入Excel工作簿（.xlsx）或CSV文件（.csv）。";
        break;
    case Refusal::BadEncoding:
        r.message = cannot + detail + "有无法识别的文字编码，文件可能混用了多种编码或已损坏。"
                    "请在Excel或WPS中打开，另存为“CSV UTF-8(逗号分隔)(*.csv)”或“Excel工作簿(*.xlsx)”后再导入。";
        break;
    case Refusal::CsvField:
        r.message = cannot + detail + "起有一个单元格超过1 MB，多半是引号没有配对，文件可能已损坏。"
                    "请在Excel或WPS中打开检查，" + kSaveAsXlsx;
        break;
    case Refusal::CsvColumns:
        r.message = cannot + detail + "超过16384列，不像一份名单，文件可能已损坏。";
        break;
    }
    if (why == Refusal::OutOfMemory) r.errorCode = "out_of_memory";
    return r;
}

// Row reuse: cells beyond a row's width are parked in `spare` instead of being
// destroyed, so their string buffers serve later rows without allocating.
Cell& appendCell(Row& row, std::vector<Cell>& spare) {
    if (spare.empty()) {
        row.cells.emplace_back();
    } else {
        row.cells.push_back(std::move(spare.back()));
        spare.pop_back();
        Cell& c = row.cells.back();
        c.kind = Cell::Kind::Empty;
        c.text.clear();
        c.number = 0;
        c.dateFormatted = false;
    }
    return row.cells.back();
}

// Drops the trailing Empty cells and anything past `used`.
void finishRow(Row& row, std::size_t used, std::vector<Cell>& spare) {
    while (used > 0 && row.cells[used - 1].kind == Cell::Kind::Empty) --used;
    while (row.cells.size() > used) {
        spare.push_back(std::move(row.cells.back()));
        row.cells.pop_back();
    }
}

// The directory of a compound file (MS-CFB): the header names the FAT
// sectors (the first 109 in the header itself) and the directory's first
// sector; the directory is a chain of 128-byte entries, each a UTF-16LE name.
// Only names are read; a file this scan cannot follow is Unknown.
OleKind oleKind(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return OleKind::Unknown;
    struct Closer {
        std::FILE* f;
        ~Closer() { std::fclose(f); }
    } closer{f};
    unsigned char header[512];
    if (std::fread(header, 1, sizeof header, f) != sizeof header) return OleKind::Unknown;
    auto u16 = [](const unsigned char* p) { return static_cast<unsigned>(p[0] | p[1] << 8); };
    auto u32 = [](const unsigned char* p) {
        return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
               static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
    };
    const unsigned shift = u16(header + 0x1E);
    if (shift != 9 && shift != 12) return OleKind::Unknown;
    const std::size_t sectorSize = std::size_t{1} << shift;
    std::vector<unsigned char> sector(sectorSize);
    auto readSector = [&](std::uint32_t n) {
        const long long offset = (static_cast<long long>(n) + 1) * static_cast<long long>(sectorSize);
        return ::fseeko(f, static_cast<off_t>(offset), SEEK_SET) == 0 &&
               std::fread(sector.data(), 1, sectorSize, f) == sectorSize;
    };
    const std::size_t perFatSector = sectorSize / 4;
    // The FAT's sectors: 109 in the header, the rest in the DIFAT chain (a
    // file beyond ~7 MB with 512-byte sectors: a big encrypted workbook).
    std::vector<std::uint32_t> fatSectors;
    for (std::size_t i = 0; i < 109; ++i) fatSectors.push_back(u32(header + 0x4C + 4 * i));
    std::uint32_t difat = u32(header + 0x44);
    for (int hops = 0; difat < 0xFFFFFFFA && hops < 4096; ++hops) {
        if (!readSector(difat)) break;
        for (std::size_t i = 0; i + 1 < perFatSector; ++i) fatSectors.push_back(u32(sector.data() + 4 * i));
        difat = u32(sector.data() + 4 * (perFatSector - 1));
    }
    auto next = [&](std::uint32_t n) -> std::optional<std::uint32_t> {   // the FAT entry of sector n
        const std::size_t fatIndex = n / perFatSector;
        if (fatIndex >= fatSectors.size()) return std::nullopt;
        const std::uint32_t fatSector = fatSectors[fatIndex];
        if (fatSector >= 0xFFFFFFFA || !readSector(fatSector)) return std::nullopt;
        return u32(sector.data() + 4 * (n % perFatSector));
    };
    bool encryptionInfo = false, encryptedPackage = false, workbook = false;
    std::uint32_t dir = u32(header + 0x30);
    for (int hops = 0; dir < 0xFFFFFFFA && hops < 4096; ++hops) {
        if (!readSector(dir)) return OleKind::Unknown;
        for (std::size_t e = 0; e + 128 <= sectorSize; e += 128) {
            const unsigned char* entry = sector.data() + e;
            const unsigned bytes = u16(entry + 0x40);
            if (entry[0x42] != 2 || bytes < 2 || bytes > 64) continue;   // 2: a stream
            std::string name;
            for (unsigned i = 0; i + 2 < bytes; i += 2) {
                const unsigned c = u16(entry + i);
                name += c < 0x80 ? static_cast<char>(c) : '?';
            }
            encryptionInfo |= name == "EncryptionInfo";
            encryptedPackage |= name == "EncryptedPackage";
            workbook |= name == "Workbook" || name == "Book";
        }
        const auto following = next(dir);
        if (!following) break;
        dir = *following;
    }
    if (encryptionInfo && encryptedPackage) return OleKind::Encrypted;
    if (workbook) return OleKind::OldExcel;
    return OleKind::Unknown;
}

namespace {

std::string baseName(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string lowerExtension(const std::string& name) {
    const auto dot = name.find_last_of('.');
    if (dot == std::string::npos || dot == 0) return {};
    std::string ext = name.substr(dot + 1);
    for (char& c : ext)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return ext;
}

bool anyOf(const std::string& ext, std::initializer_list<const char*> list) {
    for (const char* e : list)
        if (ext == e) return true;
    return false;
}

ReadResult dispatch(const std::string& path, RowSink* sink, const ReadOptions& options) {
    const std::string name = baseName(path);
    const std::string ext = lowerExtension(name);

    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) return refuse(Refusal::Missing, name);
        return refuse(Refusal::NoAccess, name, std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode))   // a .numbers document can be a folder (a macOS package)
        return refuse(ext == "numbers" ? Refusal::Numbers : Refusal::Directory, name);

    unsigned char magic[8] = {};
    std::size_t got = 0;
    if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
        got = std::fread(magic, 1, sizeof magic, f);
        const bool failed = std::ferror(f) != 0;
        std::fclose(f);
        if (failed) return refuse(Refusal::NoAccess, name, "读取出错");
    } else {
        return refuse(Refusal::NoAccess, name, std::strerror(errno));
    }

    static const unsigned char ole2[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (got == 8 && std::memcmp(magic, ole2, 8) == 0) {
        const OleKind kind = oleKind(path);
        if (kind == OleKind::Encrypted) return refuse(Refusal::Encrypted, name);
        if (anyOf(ext, {"et", "ett"})) return refuse(Refusal::Et, name);
        if (anyOf(ext, {"xlsx", "xlsm", "xltx"})) return refuse(Refusal::OleXlsx, name);
        if (anyOf(ext, {"doc", "ppt", "wps", "dps", "msg"})) return refuse(Refusal::NotSpreadsheet, name);
        return refuse(Refusal::Xls, name);
    }
    // PK\3\4 a local file header; PK\5\6 an empty archive.
    if (got >= 4 && magic[0] == 'P' && magic[1] == 'K' &&
        ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6)))
        return readXlsx(path, name, ext, sink, options);

    if (anyOf(ext, {"xls", "xlt"})) return refuse(Refusal::Xls, name);   // also HTML saved as .xls
    if (anyOf(ext, {"et", "ett"})) return refuse(Refusal::Et, name);
    if (anyOf(ext, {"ods", "ots", "fods"})) return refuse(Refusal::Ods, name);
    if (ext == "numbers") return refuse(Refusal::Numbers, name);
    if (ext == "xlsb") return refuse(Refusal::Xlsb, name);
    if (anyOf(ext, {"xlsx", "xlsm", "xltx"})) return refuse(Refusal::Corrupt, name, "不是有效的xlsx压缩包");
    if (anyOf(ext, {"csv", "tsv", "txt", "tab"})) return readCsv(path, name, ext, sink, options);
    return refuse(Refusal::NotSpreadsheet, name);
}

ReadResult guarded(const std::string& path, RowSink* sink, const ReadOptions& options) {
    try {
        return dispatch(path, sink, options);
    } catch (const SinkThrew& t) {
        std::rethrow_exception(t.error);
    } catch (const std::bad_alloc&) {
        return refuse(Refusal::OutOfMemory, baseName(path));
    } catch (const std::exception& e) {
        return refuse(Refusal::Corrupt, baseName(path), e.what());
    }
}

} // namespace
} // namespace jinguo::sheet::detail

namespace jinguo::sheet {

std::string needsSaveAsXlsx(const std::string& path) {
    using detail::Refusal;
    const std::string name = detail::baseName(path);
    const std::string ext = detail::lowerExtension(name);
    if (ext == "xls" || ext == "xlt") return detail::refuse(Refusal::Xls, name).message;
    if (ext == "et" || ext == "ett") return detail::refuse(Refusal::Et, name).message;
    if (ext == "ods" || ext == "ots" || ext == "fods") return detail::refuse(Refusal::Ods, name).message;
    return "";
}

ReadResult readSpreadsheet(const std::string& path, RowSink& sink, const ReadOptions& options) {
    return detail::guarded(path, &sink, options);
}

ReadResult listSheets(const std::string& path, const ReadOptions& options) {
    return detail::guarded(path, nullptr, options);
}

} // namespace jinguo::sheet
