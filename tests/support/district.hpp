// district.hpp — the test district 临江区 and its streets and communities,
// written through Storage's seeding API (insertUnit). One definition for the
// tests; a test that needs other names or households says so in its spec,
// so what each test counts stays visible where it counts it.
//
//   buildDistrict(s)                          临江区 → 滨江街道 → 望江社区 (1000 households)
//   buildDistrict(s, {2000, {{"滨江街道", 2000, 0, {{"望江社区", 2000}}}}})
//   buildDistrict(s, {2000, {}, {{"望江社区", 2000}}})   a community right under the district
#pragma once

#include "core/model.hpp"
#include "storage/storage.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace jinguo::test {

struct CommunitySpec {
    std::string name;
    std::int64_t households = 1000;
    int sortOrder = 0;
};

struct StreetSpec {
    std::string name;
    std::int64_t households = 0;
    int sortOrder = 0;
    std::vector<CommunitySpec> communities;
};

// A constructor rather than an aggregate, so {households, streets} leaves
// the district's own communities out without a missing-initializer warning.
struct DistrictSpec {
    DistrictSpec() = default;
    DistrictSpec(std::int64_t households, std::vector<StreetSpec> streets, std::vector<CommunitySpec> communities = {})
        : households(households), streets(std::move(streets)), communities(std::move(communities)) {}

    std::int64_t households = 0;
    std::vector<StreetSpec> streets = {{"滨江街道", 0, 0, {{"望江社区", 1000, 0}}}};
    std::vector<CommunitySpec> communities;   // right under the district, after the streets
    std::string name = "临江区";
};

// The ids in the order the spec gave them: streets, and every community
// (those of the streets first, street by street, then the district's own).
// Ids are given in that order too: district, all streets, all communities.
struct District {
    RowId district = 0;
    std::vector<RowId> streets;
    std::vector<RowId> communities;

    RowId street(std::size_t i = 0) const { return streets.at(i); }
    RowId community(std::size_t i = 0) const { return communities.at(i); }
};

inline District buildDistrict(storage::Storage& s, const DistrictSpec& spec = {}) {
    District d;
    d.district = s.insertUnit({0, 0, spec.name, UnitKind::District, spec.households, 0});
    // Every street before any community: the ids the tests were written against.
    for (const StreetSpec& street : spec.streets)
        d.streets.push_back(s.insertUnit({0, d.district, street.name, UnitKind::Street, street.households, street.sortOrder}));
    for (std::size_t i = 0; i < spec.streets.size(); ++i)
        for (const CommunitySpec& c : spec.streets[i].communities)
            d.communities.push_back(s.insertUnit({0, d.streets[i], c.name, UnitKind::Community, c.households, c.sortOrder}));
    for (const CommunitySpec& c : spec.communities)
        d.communities.push_back(s.insertUnit({0, d.district, c.name, UnitKind::Community, c.households, c.sortOrder}));
    return d;
}

// Only the district itself (a unit for people to belong to).
inline RowId buildDistrictOnly(storage::Storage& s, std::int64_t households = 0) {
    return buildDistrict(s, {households, {}, {}}).district;
}

// 临江区 ── 江滨街道 ── 望月社区, 金沙社区
//        └─ 文昌街道 ── 书院社区
// with the households given (the boards' and targets' tests).
inline District buildTwoStreets(storage::Storage& s, std::int64_t wangyue, std::int64_t jinsha, std::int64_t shuyuan) {
    return buildDistrict(s, {0,
                             {{"江滨街道", 0, 1, {{"望月社区", wangyue, 1}, {"金沙社区", jinsha, 2}}},
                              {"文昌街道", 0, 2, {{"书院社区", shuyuan, 1}}}},
                             {}});
}

} // namespace jinguo::test
