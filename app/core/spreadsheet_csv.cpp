// spreadsheet_csv.cpp — CSV and TSV, streamed in 1 MiB chunks.
//
// The encoding is decided at the first non-ASCII byte, never asked: a BOM
// wins; otherwise text that is valid UTF-8 is UTF-8, anything else is
// GB18030 (a superset of the GBK that Excel in China writes). Until the first
// non-ASCII byte the bytes mean the same in both, so a file whose first
// megabytes are ASCII is still decided correctly. GB18030 and UTF-16 go
// through iconv chunk by chunk; a character split across chunks is carried
// over. The parser follows RFC 4180 and keeps its state across chunks, so
// memory is one chunk plus one row whatever the file's size.
//
// Sections:
//   [SECTION] Encoding detection
//   [SECTION] Delimiter detection
//   [SECTION] The reader: chunks, decoding, RFC 4180 parsing
#include "core/spreadsheet.hpp"
#include "core/spreadsheet_detail.hpp"

#include <fcntl.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <exception>
#include <string_view>

namespace jinguo::sheet::detail {
namespace {

constexpr std::size_t kChunk = 1 << 20;
constexpr std::size_t kDecideWindow = 64 * 1024;   // bytes after the first non-ASCII byte to judge UTF-8 by
// Valid multi-byte UTF-8 characters before a bad byte that make a file UTF-8
// with a damaged spot rather than GB18030: GBK text is valid UTF-8 only by
// chance, for a character or two (联通), never for a run of this length.
constexpr std::size_t kUtf8Evidence = 16;
constexpr std::size_t kSniff = 64 * 1024;          // text examined for the delimiter
constexpr std::size_t kMaxField = 1 << 20;         // Excel holds 32,767 characters per cell
constexpr std::size_t kMaxColumns = 16384;

struct Refused {
    Refusal why;
    std::string detail;
};
struct Cancel {};

enum class Utf8 { Valid, Incomplete, Invalid };

// ============================================================ [SECTION] Encoding detection

// Checks UTF-8 strictly (no overlongs, surrogates or values past U+10FFFF).
// `valid` is the length of the prefix made of whole, valid characters.
Utf8 checkUtf8(const unsigned char* p, std::size_t n, std::size_t& valid) {
    std::size_t i = 0;
    while (i < n) {
        while (i + 8 <= n) {   // ASCII runs eight bytes at a time
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        const unsigned c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c >= 0xE0 && c <= 0xEF) len = 3;
        else if (c >= 0xF0 && c <= 0xF4) len = 4;
        else {
            valid = i;
            return Utf8::Invalid;
        }
        for (std::size_t k = 1; k < len; ++k) {
            if (i + k >= n) {
                valid = i;
                return Utf8::Incomplete;
            }
            unsigned lo = 0x80, hi = 0xBF;
            if (k == 1) {
                if (c == 0xE0) lo = 0xA0;
                else if (c == 0xED) hi = 0x9F;
                else if (c == 0xF0) lo = 0x90;
                else if (c == 0xF4) hi = 0x8F;
            }
            const unsigned cc = p[i + k];
            if (cc < lo || cc > hi) {
                valid = i;
                return Utf8::Invalid;
            }
        }
        i += len;
    }
    valid = n;
    return Utf8::Valid;
}

// Lead bytes of multi-byte characters in valid UTF-8 text.
std::size_t multiByteCharacters(const char* p, std::size_t n) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < n; ++i) count += static_cast<unsigned char>(p[i]) >= 0xC0;
    return count;
}

std::size_t firstNonAscii(const char* p, std::size_t n) {
    std::size_t i = 0;
    while (i + 8 <= n) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ull) break;
        i += 8;
    }
    while (i < n && static_cast<unsigned char>(p[i]) < 0x80) ++i;
    return i;
}

// ============================================================ [SECTION] Delimiter detection

// Picks the delimiter that splits the first records most consistently into
// two or more fields; quotes are respected. Ties go to more fields, then to
// the extension's delimiter.
char detectDelimiter(std::string_view text, bool complete, char hint) {
    if (text.size() > kSniff) {
        text = text.substr(0, kSniff);
        complete = false;
    }
    char best = hint;
    std::size_t bestFrequency = 0;
    int bestFields = 0;
    for (const char d : {',', '\t', ';'}) {
        std::vector<int> counts;
        bool inQuotes = false, atFieldStart = true, lineHasData = false;
        int fields = 1;
        for (std::size_t i = 0; i < text.size() && counts.size() < 100; ++i) {
            const char c = text[i];
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') ++i;
                    else inQuotes = false;
                }
                continue;
            }
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
                if (lineHasData) counts.push_back(fields);
                fields = 1;
                lineHasData = false;
                atFieldStart = true;
                continue;
            }
            lineHasData = true;
            if (c == '"' && atFieldStart) {
                inQuotes = true;
                atFieldStart = false;
            } else if (c == d) {
                ++fields;
                atFieldStart = true;
            } else {
                atFieldStart = false;
            }
        }
        if (complete && lineHasData && !inQuotes) counts.push_back(fields);
        // The most frequent field count (ties: the larger count).
        std::size_t frequency = 0;
        int mode = 0;
        for (const int candidate : counts) {
            std::size_t f = 0;
            for (const int c : counts) f += c == candidate;
            if (f > frequency || (f == frequency && candidate > mode)) {
                frequency = f;
                mode = candidate;
            }
        }
        if (mode < 2) continue;
        if (frequency > bestFrequency || (frequency == bestFrequency && mode > bestFields) ||
            (frequency == bestFrequency && mode == bestFields && d == hint)) {
            best = d;
            bestFrequency = frequency;
            bestFields = mode;
        }
    }
    return best;
}

// ============================================================ [SECTION] The reader: chunks, decoding, RFC 4180 parsing

class CsvReader {
public:
    CsvReader(const std::string& path, const std::string& name, const std::string& ext, RowSink* sink,
              const ReadOptions& options)
        : m_path(path), m_name(name), m_sink(sink), m_options(options),
          m_hint(ext == "tsv" || ext == "tab" || ext == "txt" ? '\t' : ',') {
        m_special.fill(false);
    }
    ~CsvReader() {
        if (m_fd >= 0) ::close(m_fd);
        if (m_iconv != reinterpret_cast<iconv_t>(-1)) iconv_close(m_iconv);
    }

    ReadResult run();

private:
    enum class Encoding { Undecided, Utf8, Utf8Bom, Gb18030, Utf16le, Utf16be };
    enum class State : std::uint8_t { FieldStart, Unquoted, Quoted, QuoteInQuoted };

    std::size_t readChunk(std::size_t offset);
    std::string_view decode(const char* p, std::size_t n, bool eof, std::size_t& consumed);
    std::string_view convert(const char* p, std::size_t n, bool eof, std::size_t& consumed);
    void useIconv(const char* from);
    const char* encodingName() const;
    std::string rowText() const { return "第" + std::to_string(m_record + 1) + "行"; }

    void feed(const char* p, std::size_t n);
    void finish();
    void append(const char* s, std::size_t n) {
        m_text->append(s, n);
        if (m_text->size() > kMaxField) throw Refused{Refusal::CsvField, rowText()};
    }
    void beginField();
    void endField() {
        Cell& c = m_row.cells[m_field];
        c.kind = c.text.empty() ? Cell::Kind::Empty : Cell::Kind::Text;
    }
    void nextField() {
        endField();
        if (++m_field >= kMaxColumns) throw Refused{Refusal::CsvColumns, rowText()};
        beginField();
    }
    void endRecord();

    std::string m_path, m_name;
    RowSink* m_sink;
    const ReadOptions& m_options;
    const char m_hint;
    int m_fd = -1;
    std::uint64_t m_size = 0, m_bytesRead = 0;
    bool m_eof = false;
    std::vector<char> m_raw;
    std::vector<char> m_decoded;
    Encoding m_encoding = Encoding::Undecided;
    iconv_t m_iconv = reinterpret_cast<iconv_t>(-1);
    bool m_decodeError = false;

    char m_delimiter = ',';
    std::array<bool, 256> m_special;   // bytes that end an unquoted run
    State m_state = State::FieldStart;
    bool m_afterCR = false;            // a '\r' ended the last chunk: skip a '\n' that starts the next
    bool m_recordHasData = false;
    Row m_row;
    std::vector<Cell> m_spare;
    std::size_t m_field = 0;
    std::string* m_text = nullptr;     // the text of the current field
    int m_record = 0;
};

std::size_t CsvReader::readChunk(std::size_t offset) {
    std::size_t got = 0;
    while (got < kChunk) {
        const ssize_t n = ::read(m_fd, m_raw.data() + offset + got, kChunk - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw Refused{Refusal::NoAccess, std::strerror(errno)};
        }
        if (n == 0) {
            m_eof = true;
            break;
        }
        got += static_cast<std::size_t>(n);
    }
    m_bytesRead += got;
    if (m_options.progress)
        m_options.progress(m_options.progressContext, m_bytesRead, std::max(m_size, m_bytesRead));
    return got;
}

void CsvReader::useIconv(const char* from) {
    m_iconv = iconv_open("UTF-8", from);
    if (m_iconv == reinterpret_cast<iconv_t>(-1)) throw Refused{Refusal::BadEncoding, std::string("无法转换") + from + "编码，"};
}

const char* CsvReader::encodingName() const {
    switch (m_encoding) {
    case Encoding::Undecided:
    case Encoding::Utf8: return "UTF-8";
    case Encoding::Utf8Bom: return "UTF-8-BOM";
    case Encoding::Gb18030: return "GB18030";
    case Encoding::Utf16le: return "UTF-16LE";
    case Encoding::Utf16be: return "UTF-16BE";
    }
    return "UTF-8";
}

// Gives the UTF-8 text of p[0, n); `consumed` tells how much of the input it
// covers (the rest, an incomplete character, is carried to the next chunk).
std::string_view CsvReader::decode(const char* p, std::size_t n, bool eof, std::size_t& consumed) {
    switch (m_encoding) {
    case Encoding::Undecided: {
        const std::size_t q = firstNonAscii(p, n);
        if (q == n) {
            consumed = n;
            return {p, n};
        }
        if (n - q < kDecideWindow && !eof) {   // too little to judge: judge with the next chunk
            consumed = q;
            return {p, q};
        }
        // Judge by the window only: a UTF-8 file with one bad spot far down
        // stays UTF-8, so the refusal can name the row that holds it.
        const std::size_t window = std::min(n - q, kDecideWindow);
        const bool windowIsAll = window == n - q;
        std::size_t valid = 0;
        const Utf8 check = checkUtf8(reinterpret_cast<const unsigned char*>(p + q), window, valid);
        if (check == Utf8::Valid || (check == Utf8::Incomplete && (!eof || !windowIsAll)) ||
            (check == Utf8::Invalid && multiByteCharacters(p + q, valid) >= kUtf8Evidence)) {
            m_encoding = Encoding::Utf8;
        } else {
            m_encoding = Encoding::Gb18030;
            useIconv("GB18030");
        }
        return decode(p, n, eof, consumed);
    }
    case Encoding::Utf8:
    case Encoding::Utf8Bom: {
        std::size_t valid = 0;
        const Utf8 check = checkUtf8(reinterpret_cast<const unsigned char*>(p), n, valid);
        if (check == Utf8::Invalid || (check == Utf8::Incomplete && eof)) m_decodeError = true;
        consumed = valid;
        return {p, valid};
    }
    default:
        return convert(p, n, eof, consumed);
    }
}

std::string_view CsvReader::convert(const char* p, std::size_t n, bool eof, std::size_t& consumed) {
    if (m_decoded.size() < n * 2 + 64) m_decoded.resize(n * 2 + 64);
    char* in = const_cast<char*>(p);
    std::size_t inLeft = n;
    char* out = m_decoded.data();
    std::size_t outLeft = m_decoded.size();
    while (inLeft > 0) {
        if (iconv(m_iconv, &in, &inLeft, &out, &outLeft) != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG || (errno == EILSEQ && outLeft < 8)) {
            const std::size_t used = static_cast<std::size_t>(out - m_decoded.data());
            m_decoded.resize(m_decoded.size() * 2);
            out = m_decoded.data() + used;
            outLeft = m_decoded.size() - used;
            continue;
        }
        if (errno == EINVAL) {   // a character split at the chunk's end
            if (eof) m_decodeError = true;
            break;
        }
        // Excel's code page 936 writes the euro sign as the single byte 0x80,
        // which GB18030 lacks.
        if (errno == EILSEQ && m_encoding == Encoding::Gb18030 && static_cast<unsigned char>(*in) == 0x80) {
            std::memcpy(out, "\xE2\x82\xAC", 3);
            out += 3;
            outLeft -= 3;
            ++in;
            --inLeft;
            continue;
        }
        m_decodeError = true;
        break;
    }
    consumed = static_cast<std::size_t>(in - p);
    return {m_decoded.data(), static_cast<std::size_t>(out - m_decoded.data())};
}

void CsvReader::beginField() {
    if (m_field < m_row.cells.size()) {
        Cell& c = m_row.cells[m_field];
        c.kind = Cell::Kind::Empty;
        c.text.clear();
    } else {
        appendCell(m_row, m_spare);
    }
    m_text = &m_row.cells[m_field].text;
}

void CsvReader::endRecord() {
    endField();
    finishRow(m_row, m_field + 1, m_spare);
    m_row.number = ++m_record;
    bool more = false;
    try {
        more = m_sink->row(m_row);
    } catch (...) {
        throw SinkThrew{std::current_exception()};
    }
    if (!more) throw Cancel{};
    m_field = 0;
    beginField();
    m_recordHasData = false;
    m_state = State::FieldStart;
}

void CsvReader::feed(const char* p, std::size_t n) {
    const char* end = p + n;
    if (m_afterCR && p < end) {
        if (*p == '\n') ++p;
        m_afterCR = false;
    }
    while (p < end) {
        switch (m_state) {
        case State::FieldStart:
            if (*p == '"') {
                m_state = State::Quoted;
                m_recordHasData = true;
                ++p;
                break;
            }
            m_state = State::Unquoted;
            [[fallthrough]];
        case State::Unquoted: {
            const char* s = p;
            while (p < end && !m_special[static_cast<unsigned char>(*p)]) ++p;
            if (p != s) {
                append(s, static_cast<std::size_t>(p - s));
                m_recordHasData = true;
            }
            if (p == end) return;
            const char c = *p++;
            if (c == m_delimiter) {
                m_recordHasData = true;
                nextField();
                m_state = State::FieldStart;
            } else {
                endRecord();
                if (c == '\r') {
                    if (p == end) m_afterCR = true;
                    else if (*p == '\n') ++p;
                }
            }
            break;
        }
        case State::Quoted: {
            const auto* q = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
            const char* stop = q ? q : end;
            if (stop != p) append(p, static_cast<std::size_t>(stop - p));
            if (!q) return;
            p = q + 1;
            m_state = State::QuoteInQuoted;
            break;
        }
        case State::QuoteInQuoted:
            if (*p == '"') {   // "" inside quotes is one quote
                append("\"", 1);
                ++p;
                m_state = State::Quoted;
            } else {           // the closing quote; text after it is kept, as Excel does
                m_state = State::Unquoted;
            }
            break;
        }
    }
}

void CsvReader::finish() {
    // A last record without a line break; an unclosed quote keeps what it holds.
    if (m_recordHasData || m_state != State::FieldStart) endRecord();
}

ReadResult CsvReader::run() {
    ReadResult result;
    result.info.format = "csv";
    result.info.sheets.push_back(SheetInfo{m_name, 0, false});
    try {
        m_fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0) throw Refused{Refusal::NoAccess, std::strerror(errno)};
        struct stat st {};
        if (::fstat(m_fd, &st) == 0) m_size = static_cast<std::uint64_t>(st.st_size);
        m_raw.resize(kChunk + kDecideWindow + 16);

        std::size_t have = readChunk(0);
        std::size_t start = 0;
        const auto* b = reinterpret_cast<const unsigned char*>(m_raw.data());
        if (have >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
            m_encoding = Encoding::Utf8Bom;
            start = 3;
        } else if (have >= 2 && b[0] == 0xFF && b[1] == 0xFE) {   // Excel's "Unicode 文本"
            m_encoding = Encoding::Utf16le;
            start = 2;
            useIconv("UTF-16LE");
        } else if (have >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
            m_encoding = Encoding::Utf16be;
            start = 2;
            useIconv("UTF-16BE");
        } else if (std::memchr(m_raw.data(), 0, have)) {
            throw Refused{Refusal::NotText, {}};
        }

        bool first = true;
        for (;;) {
            const bool eof = m_eof;
            std::size_t consumed = 0;
            const std::string_view text = decode(m_raw.data() + start, have - start, eof, consumed);
            if (first) {
                first = false;
                m_delimiter = detectDelimiter(text, eof, m_hint);
                result.info.delimiter = m_delimiter;
                if (!m_sink) {
                    result.info.encoding = encodingName();
                    result.bytesRead = m_bytesRead;
                    return result;
                }
                // A quote inside an unquoted field is plain text, so it is not special.
                for (const char c : {m_delimiter, '\n', '\r'}) m_special[static_cast<unsigned char>(c)] = true;
                bool wanted = false;
                try {
                    wanted = m_sink->beginSheet(result.info.sheets[0]);
                } catch (...) {
                    throw SinkThrew{std::current_exception()};
                }
                if (!wanted) {
                    result.info.encoding = encodingName();
                    result.bytesRead = m_bytesRead;
                    return result;
                }
                beginField();
            }
            feed(text.data(), text.size());
            const std::size_t rest = have - start - consumed;
            if (m_decodeError || (eof && rest > 0)) throw Refused{Refusal::BadEncoding, rowText()};
            if (eof) break;
            std::memmove(m_raw.data(), m_raw.data() + start + consumed, rest);
            start = 0;
            have = rest + readChunk(rest);
        }
        finish();
        try {
            m_sink->endSheet();
        } catch (...) {
            throw SinkThrew{std::current_exception()};
        }
    } catch (const Refused& r) {
        ReadResult failed = refuse(r.why, m_name, r.detail);
        failed.info = result.info;
        failed.info.encoding = encodingName();
        failed.info.delimiter = m_delimiter;
        failed.bytesRead = m_bytesRead;
        return failed;
    } catch (const Cancel&) {
        result.status = ReadStatus::Cancelled;
    }
    result.info.encoding = encodingName();
    result.info.delimiter = m_delimiter;
    result.bytesRead = m_bytesRead;
    return result;
}

} // namespace

ReadResult readCsv(const std::string& path, const std::string& name, const std::string& ext, RowSink* sink,
                   const ReadOptions& options) {
    CsvReader reader(path, name, ext, sink, options);
    return reader.run();
}

} // namespace jinguo::sheet::detail
