// background_job.cpp — the non-template parts of BackgroundJob.
#include "ui/background_job.hpp"

#include "storage/scores_reads.hpp"
#include "ui/ui_strings.hpp"

#include <exception>

namespace jinguo::ui::detail {

std::unique_ptr<storage::Storage> openWorkerStorage(const std::string& path) {
    return storage::openReadOnlyStorage(path);
}

std::string describeException(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return str::kJobUnknownError;
    }
}

} // namespace jinguo::ui::detail
