// error_text.hpp — what the PostgreSQL tests ask of a refusal: the message of
// the StorageError an action throws, and whether a text holds a phrase.
#pragma once

#include "storage/database.hpp"

#include <string>

namespace test {   // beside PgCluster (support/pg_cluster.hpp)

// The message of the StorageError `action` throws ("" when it does not throw).
template <class Action> std::string errorOf(Action&& action) {
    try {
        action();
    } catch (const jinguo::storage::StorageError& e) {
        return e.what();
    }
    return "";
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace test
