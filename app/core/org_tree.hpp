// org_tree.hpp — the organization tree in memory, for every layer.
//
// A district has at most a few hundred units, so the whole tree is read once
// and kept: find by id, the within test (is a unit in the subtree of
// another), each unit's subtree (precomputed, in the order the units were
// given), roots and depth. Parent loops, which the schema cannot rule out, end
// every walk. A unit whose parent is missing counts as a root.
#pragma once

#include "core/model.hpp"

#include <string>
#include <unordered_map>
#include <vector>

namespace jinguo {

class OrgTree {
public:
    OrgTree() = default;
    explicit OrgTree(std::vector<OrgUnit> units);

    const std::vector<OrgUnit>& units() const { return m_units; }
    std::size_t size() const { return m_units.size(); }
    bool empty() const { return m_units.empty(); }

    const OrgUnit* find(RowId id) const;
    // Index into units(); npos when unknown.
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    std::size_t indexOf(RowId id) const;
    // "" for an unknown id.
    const std::string& nameOf(RowId id) const;
    const std::string& parentNameOf(RowId id) const;
    RowId parentOf(RowId id) const;   // 0 for a root or an unknown id

    const std::vector<RowId>& roots() const { return m_roots; }
    // The one root when the tree has exactly one (the district), else 0.
    RowId soleRoot() const { return m_roots.size() == 1 ? m_roots.front() : 0; }

    // Whether `id` is `root` or lies below it.
    bool within(RowId id, RowId root) const;
    // The units of the subtree of `root` (itself included), in units() order;
    // empty for an unknown root.
    const std::vector<RowId>& subtree(RowId root) const;
    // Steps from a root (0 for a root); loops stop the count.
    int depthOf(RowId id) const;

private:
    std::vector<OrgUnit> m_units;
    std::unordered_map<RowId, std::size_t> m_index;
    std::vector<RowId> m_roots;
    std::unordered_map<RowId, std::vector<RowId>> m_subtree;
};

} // namespace jinguo
