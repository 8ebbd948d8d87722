// core_local_time_test.cpp — stored UTC moments shown as local wall-clock time.
#include <doctest/doctest.h>

#include "core/local_time.hpp"

#include <cstdlib>
#include <ctime>
#include <string>

using namespace jinguo;

namespace {
// Sets TZ for one test and puts the old value back.
struct ScopedTimeZone {
    explicit ScopedTimeZone(const char* zone) {
        if (const char* old = std::getenv("TZ")) saved = old, had = true;
        setenv("TZ", zone, 1);
        tzset();
    }
    ~ScopedTimeZone() {
        if (had) setenv("TZ", saved.c_str(), 1);
        else unsetenv("TZ");
        tzset();
    }
    std::string saved;
    bool had = false;
};
} // namespace

TEST_CASE("localTimeText: a stored UTC moment in the machine's time zone, to the minute") {
    ScopedTimeZone zone("Asia/Shanghai");
    CHECK(localTimeText("2026-12-05T09:34:30Z") == "2026-12-05 17:34");
    CHECK(localTimeText("2026-12-05T09:34:30.123Z") == "2026-12-05 17:34");   // undo steps keep fractions
    CHECK(localTimeText("2026-12-31T20:00:00Z") == "2027-01-01 04:00");       // crosses the year
    CHECK(localTimeText("2026-12-05T09:34Z") == "2026-12-05 17:34");
}

TEST_CASE("localTimeText: follows TZ, and leaves what is not a UTC moment as it was") {
    {
        ScopedTimeZone zone("UTC");
        CHECK(localTimeText("2026-12-05T09:34:30Z") == "2026-12-05 09:34");
    }
    ScopedTimeZone zone("Asia/Shanghai");
    CHECK(localTimeText("") == "");
    CHECK(localTimeText("2026-12-05") == "2026-12-05");
    CHECK(localTimeText("2026-12-05 14:32:07") == "2026-12-05 14:32:07");   // already local (backups)
    CHECK(localTimeText("2026-13-05T09:34:30Z") == "2026-13-05T09:34:30Z");
    CHECK(localTimeText("abcd-12-05T09:34:30Z") == "abcd-12-05T09:34:30Z");
}
