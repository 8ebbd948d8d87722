// spreadsheet_pipeline.cpp — readSpreadsheet on a second thread, the sink on
// the calling thread, rows handed over in recycled blocks.
#include "core/spreadsheet.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace jinguo::sheet {

namespace {

// 512 rows per hand-over keeps the lock and the wake-ups rare (about 2,000
// for a million rows); 8 blocks in flight bound the memory to a few thousand
// rows whatever the file, and let the reader run ahead of a slow sink.
constexpr std::size_t kRowsPerBlock = 512;
constexpr std::size_t kBlocksInFlight = 8;

struct Message {
    enum class Kind { Rows, BeginSheet, EndSheet, Done };
    Kind kind = Kind::Rows;
    std::vector<Row> rows;        // Rows: the first `count` are this block's
    std::size_t count = 0;
    SheetInfo sheet;              // BeginSheet
};

// What the two threads share; every member under `lock`.
struct Channel {
    std::mutex lock;
    std::condition_variable changed;
    std::deque<std::unique_ptr<Message>> queued;    // reader → sink, in order
    std::vector<std::unique_ptr<Message>> spare;    // sink → reader, for reuse
    std::size_t blocks = 0;                         // row blocks alive (queued, spare or being filled)
    bool stop = false;                              // the sink side wants no more
    std::optional<bool> sheetAnswer;                // the sink's beginSheet answer
    ReadResult result;                              // valid once Done is queued
    std::exception_ptr readerError;
};

// The sink the reader thread calls: copies rows into blocks (reusing the
// strings of a spent block, so steady reading allocates nothing) and passes
// sheet starts through, waiting for the real sink's answer.
class HandOver : public RowSink {
public:
    explicit HandOver(Channel& c) : m_c(c) {}

    bool beginSheet(const SheetInfo& sheet) override {
        if (!sendRows()) return false;
        auto m = std::make_unique<Message>();
        m->kind = Message::Kind::BeginSheet;
        m->sheet = sheet;
        std::unique_lock guard(m_c.lock);
        m_c.sheetAnswer.reset();
        m_c.queued.push_back(std::move(m));
        m_c.changed.notify_all();
        m_c.changed.wait(guard, [&] { return m_c.stop || m_c.sheetAnswer.has_value(); });
        return !m_c.stop && *m_c.sheetAnswer;
    }

    bool row(const Row& row) override {
        if (!m_block && !takeBlock()) return false;
        if (m_block->count < m_block->rows.size()) m_block->rows[m_block->count] = row;
        else m_block->rows.push_back(row);
        if (++m_block->count == kRowsPerBlock) return sendRows();
        return true;
    }

    void endSheet() override {
        if (!sendRows()) return;
        auto m = std::make_unique<Message>();
        m->kind = Message::Kind::EndSheet;
        send(std::move(m));
    }

    // The reader has returned (or thrown): what is left, then Done.
    void finish(ReadResult result, std::exception_ptr error) {
        sendRows();
        auto m = std::make_unique<Message>();
        m->kind = Message::Kind::Done;
        std::lock_guard guard(m_c.lock);
        m_c.result = std::move(result);
        m_c.readerError = error;
        m_c.queued.push_back(std::move(m));
        m_c.changed.notify_all();
    }

private:
    bool takeBlock() {
        std::unique_lock guard(m_c.lock);
        m_c.changed.wait(guard, [&] { return m_c.stop || !m_c.spare.empty() || m_c.blocks < kBlocksInFlight; });
        if (m_c.stop) return false;
        if (!m_c.spare.empty()) {
            m_block = std::move(m_c.spare.back());
            m_c.spare.pop_back();
        } else {
            m_block = std::make_unique<Message>();
            m_block->rows.reserve(kRowsPerBlock);
            ++m_c.blocks;
        }
        m_block->count = 0;
        return true;
    }
    // Queues the block being filled, if any; false once the sink side stopped.
    bool sendRows() {
        if (m_block && m_block->count > 0) return send(std::move(m_block));
        std::lock_guard guard(m_c.lock);
        return !m_c.stop;
    }
    bool send(std::unique_ptr<Message> m) {
        std::lock_guard guard(m_c.lock);
        if (m_c.stop) return false;
        m_c.queued.push_back(std::move(m));
        m_c.changed.notify_all();
        return true;
    }

    Channel& m_c;
    std::unique_ptr<Message> m_block;
};

} // namespace

ReadResult readSpreadsheetPipelined(const std::string& path, RowSink& sink, const ReadOptions& options) {
    Channel c;
    HandOver handOver(c);
    std::thread reader([&] {
        ReadResult result;
        std::exception_ptr error;
        try {
            result = readSpreadsheet(path, handOver, options);
        } catch (...) {
            error = std::current_exception();
        }
        handOver.finish(std::move(result), error);
    });
    // Whatever leaves this function, the reader is told to stop and joined
    // first: it holds references to this frame.
    struct Join {
        Channel& c;
        std::thread& t;
        ~Join() {
            {
                std::lock_guard guard(c.lock);
                c.stop = true;
                c.changed.notify_all();
            }
            t.join();
        }
    } join{c, reader};

    bool stopped = false;   // the sink returned false: drain, then Cancelled
    auto stopReader = [&] {
        stopped = true;
        std::lock_guard guard(c.lock);
        c.stop = true;
        c.changed.notify_all();
    };
    for (;;) {
        std::unique_ptr<Message> m;
        {
            std::unique_lock guard(c.lock);
            c.changed.wait(guard, [&] { return !c.queued.empty(); });
            m = std::move(c.queued.front());
            c.queued.pop_front();
        }
        switch (m->kind) {
        case Message::Kind::Rows: {
            bool more = true;
            for (std::size_t i = 0; i < m->count && more && !stopped; ++i) more = sink.row(m->rows[i]);
            if (!more && !stopped) stopReader();
            std::lock_guard guard(c.lock);
            c.spare.push_back(std::move(m));
            c.changed.notify_all();
            break;
        }
        case Message::Kind::BeginSheet: {
            bool answer = false;
            if (!stopped) answer = sink.beginSheet(m->sheet);   // may throw: Join stops the reader
            std::lock_guard guard(c.lock);
            c.sheetAnswer = answer;
            c.changed.notify_all();
            break;
        }
        case Message::Kind::EndSheet:
            if (!stopped) sink.endSheet();
            break;
        case Message::Kind::Done: {
            std::unique_lock guard(c.lock);
            if (c.readerError) std::rethrow_exception(c.readerError);
            ReadResult result = std::move(c.result);
            if (stopped && result.status == ReadStatus::Ok) result.status = ReadStatus::Cancelled;
            return result;
        }
        }
    }
}

} // namespace jinguo::sheet
