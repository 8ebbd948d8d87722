// spreadsheet_pipeline.cpp — readSpreadsheet on a second thread, the sink on
// the calling thread, rows handed over in recycled blocks.
#include "core/spreadsheet.hpp"

#include "core/hand_off.hpp"
#include "core/spreadsheet_detail.hpp"

#include <exception>
#include <filesystem>
#include <new>
#include <memory>
#include <thread>

namespace jinguo::sheet {

namespace {

// 512 rows per hand-over keeps the lock and the wake-ups rare (about 2,000
// for a million rows); 8 blocks queued bound the memory to a few thousand
// rows whatever the file, and let the reader run ahead of a slow sink.
// Memory is bounded by bytes too, not only rows: a block is sent once its
// text reaches kBlockBytes (a row of long cells fills it alone), and a spent
// block whose strings have grown beyond kSpareBlockBytes is freed rather
// than recycled, so at most ~kBlocksQueued + 2 blocks of a few MiB exist.
constexpr std::size_t kRowsPerBlock = 512;
constexpr std::size_t kBlocksQueued = 8;
constexpr std::size_t kBlockBytes = 4u << 20;
constexpr std::size_t kSpareBlockBytes = 8u << 20;

std::size_t rowBytes(const Row& row) {
    std::size_t n = row.cells.size() * sizeof(Cell);
    for (const Cell& c : row.cells) n += c.text.size();
    return n;
}

struct Message {
    enum class Kind { Rows, BeginSheet, EndSheet, Done };
    Kind kind = Kind::Rows;
    std::vector<Row> rows;        // Rows: the first `count` are this block's
    std::size_t count = 0;
    std::size_t bytes = 0;        // Rows: their text and cells, for kBlockBytes
    SheetInfo sheet;              // BeginSheet
};
using MessagePtr = std::unique_ptr<Message>;

struct Queues {
    HandOff<MessagePtr> toSink{kBlocksQueued};
    // Spent blocks back to the reader, whose strings keep their capacity: at
    // most kBlocksQueued + 2 blocks ever exist, so this never fills.
    HandOff<MessagePtr> spare{kBlocksQueued + 2};
    HandOff<bool> sheetAnswers{1};   // the sink's beginSheet answers
    void closeAll() {
        toSink.close();
        spare.close();
        sheetAnswers.close();
    }
};

// The sink the reader thread calls: copies rows into blocks and passes sheet
// starts through, waiting for the real sink's answer. Every call returns
// false once the sink side has closed the queues.
class HandOver : public RowSink {
public:
    explicit HandOver(Queues& q) : m_q(q) {}

    bool beginSheet(const SheetInfo& sheet) override {
        if (!sendRows()) return false;
        auto m = std::make_unique<Message>();
        m->kind = Message::Kind::BeginSheet;
        m->sheet = sheet;
        if (!m_q.toSink.push(std::move(m))) return false;
        const std::optional<bool> answer = m_q.sheetAnswers.pop();
        return answer.value_or(false);
    }

    bool row(const Row& row) override {
        if (!m_block) {
            if (auto spent = m_q.spare.tryPop()) {
                m_block = std::move(*spent);
            } else {
                m_block = std::make_unique<Message>();
                m_block->rows.reserve(kRowsPerBlock);
            }
            m_block->count = 0;
            m_block->bytes = 0;
        }
        // Assigning into a spent block's row reuses its strings' memory.
        if (m_block->count < m_block->rows.size()) m_block->rows[m_block->count] = row;
        else m_block->rows.push_back(row);
        m_block->bytes += rowBytes(row);
        if (++m_block->count == kRowsPerBlock || m_block->bytes >= kBlockBytes) return sendRows();
        return true;
    }

    void endSheet() override {
        if (!sendRows()) return;
        auto m = std::make_unique<Message>();
        m->kind = Message::Kind::EndSheet;
        m_q.toSink.push(std::move(m));
    }

    void done() {
        sendRows();
        auto m = std::make_unique<Message>();
        m->kind = Message::Kind::Done;
        m_q.toSink.push(std::move(m));
    }

private:
    bool sendRows() {
        if (!m_block || m_block->count == 0) return !m_q.toSink.closed();
        return m_q.toSink.push(std::move(m_block));
    }

    Queues& m_q;
    MessagePtr m_block;
};

// What a spent block's rows still hold (their strings keep their capacity).
std::size_t retainedBytes(const Message& m) {
    std::size_t n = 0;
    for (const Row& row : m.rows) {
        n += row.cells.capacity() * sizeof(Cell);
        for (const Cell& c : row.cells) n += c.text.capacity();
    }
    return n;
}

} // namespace

ReadResult readSpreadsheetPipelined(const std::string& path, RowSink& sink, const ReadOptions& options) {
    Queues q;
    HandOver handOver(q);
    ReadResult result;             // written by the reader, read after join()
    std::exception_ptr readerError;
    // Nothing may leave the thread uncaught (std::terminate): running out of
    // memory while copying rows into blocks is a refusal, anything else is
    // rethrown on the calling thread.
    std::thread reader([&] {
        try {
            result = readSpreadsheet(path, handOver, options);
        } catch (const std::bad_alloc&) {
            result = detail::refuse(detail::Refusal::OutOfMemory, std::filesystem::path(path).filename().string());
        } catch (...) {
            readerError = std::current_exception();
        }
        try {
            handOver.done();
        } catch (...) {   // bad_alloc: the sink side still learns the end from the closed queue
            if (!readerError && result.status == ReadStatus::Ok)
                result = detail::refuse(detail::Refusal::OutOfMemory, std::filesystem::path(path).filename().string());
            q.toSink.close();
        }
    });
    // Whatever leaves this function (a sink's exception too), the reader is
    // told to stop and joined first: it holds references to this frame.
    const JoinOnExit join(reader, [&] { q.closeAll(); });

    bool stopped = false;   // the sink returned false from row()
    while (!stopped) {
        std::optional<MessagePtr> next = q.toSink.pop();
        if (!next) break;
        Message& m = **next;
        if (m.kind == Message::Kind::Done) break;
        switch (m.kind) {
        case Message::Kind::Rows:
            for (std::size_t i = 0; i < m.count && !stopped; ++i) stopped = !sink.row(m.rows[i]);
            if (retainedBytes(m) <= kSpareBlockBytes) q.spare.push(std::move(*next));
            break;
        case Message::Kind::BeginSheet:
            q.sheetAnswers.push(sink.beginSheet(m.sheet));   // may throw: `join` stops the reader
            break;
        case Message::Kind::EndSheet:
            sink.endSheet();
            break;
        case Message::Kind::Done:
            break;
        }
    }
    q.closeAll();
    reader.join();
    if (readerError) std::rethrow_exception(readerError);
    if (stopped && result.status == ReadStatus::Ok) result.status = ReadStatus::Cancelled;
    return result;
}

} // namespace jinguo::sheet
