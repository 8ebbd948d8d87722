// org_tree.cpp — see org_tree.hpp.
#include "core/org_tree.hpp"

namespace jinguo {

OrgTree::OrgTree(std::vector<OrgUnit> units) : m_units(std::move(units)) {
    for (std::size_t i = 0; i < m_units.size(); ++i) m_index.emplace(m_units[i].id, i);
    for (const OrgUnit& u : m_units)
        if (u.parentId == 0 || !m_index.count(u.parentId)) m_roots.push_back(u.id);
    // Each unit joins the subtree of itself and of every ancestor; the walk
    // takes at most as many steps as there are units (the loop guard).
    for (const OrgUnit& u : m_units) {
        RowId id = u.id;
        for (std::size_t steps = 0; id != 0 && steps <= m_units.size(); ++steps) {
            std::vector<RowId>& list = m_subtree[id];
            if (!list.empty() && list.back() == u.id) break;   // around a loop
            list.push_back(u.id);
            const auto it = m_index.find(id);
            if (it == m_index.end()) break;
            id = m_units[it->second].parentId;
            if (!m_index.count(id)) break;
        }
    }
}

const OrgUnit* OrgTree::find(RowId id) const {
    const auto it = m_index.find(id);
    return it == m_index.end() ? nullptr : &m_units[it->second];
}

std::size_t OrgTree::indexOf(RowId id) const {
    const auto it = m_index.find(id);
    return it == m_index.end() ? npos : it->second;
}

const std::string& OrgTree::nameOf(RowId id) const {
    static const std::string none;
    const OrgUnit* u = find(id);
    return u ? u->name : none;
}

const std::string& OrgTree::parentNameOf(RowId id) const {
    static const std::string none;
    const OrgUnit* u = find(id);
    return u ? nameOf(u->parentId) : none;
}

RowId OrgTree::parentOf(RowId id) const {
    const OrgUnit* u = find(id);
    return u ? u->parentId : 0;
}

bool OrgTree::within(RowId id, RowId root) const {
    for (std::size_t steps = 0; id != 0 && steps <= m_units.size(); ++steps) {
        if (id == root) return true;
        const OrgUnit* u = find(id);
        if (!u) return false;
        id = u->parentId;
    }
    return false;
}

const std::vector<RowId>& OrgTree::subtree(RowId root) const {
    static const std::vector<RowId> none;
    const auto it = m_subtree.find(root);
    return it == m_subtree.end() ? none : it->second;
}

int OrgTree::depthOf(RowId id) const {
    int depth = 0;
    const OrgUnit* u = find(id);
    for (std::size_t steps = 0; u && steps <= m_units.size(); ++steps) {
        const OrgUnit* parent = find(u->parentId);
        if (!parent) return depth;
        ++depth;
        u = parent;
    }
    return depth;
}

} // namespace jinguo
