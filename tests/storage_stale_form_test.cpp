// storage_stale_form_test.cpp — a form opened before its row changed in
// another window must not write its old values back: every store's update
// compares, inside its write transaction, the row as it is now with the
// record the form started from (stale_form.hpp). And the other direction:
// Storage::noticeWritesElsewhere sees another connection's commit.
#include "core/frame_wake.hpp"
#include "storage/activity_store.hpp"
#include "storage/post_store.hpp"
#include "storage/record_store.hpp"
#include "storage/stale_form.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace jinguo;
using storage::StaleFormError;

namespace {

struct Fixture {
    test::TempDbPath path;
    storage::Storage storage{path.str()};   // this window
    storage::RecordStore records{storage};
    RowId district = 0, street = 0, community = 0, otherCommunity = 0;

    Fixture() {
        district = records.addUnit({0, 0, "临江区", UnitKind::District, 5000, 0});
        street = records.addUnit({0, district, "滨江街道", UnitKind::Street, 3000, 0});
        community = records.addUnit({0, street, "望江社区", UnitKind::Community, 3000, 0});
        otherCommunity = records.addUnit({0, street, "书院社区", UnitKind::Community, 2000, 0});
    }
};

// The message the store threw, or "" when it did not throw StaleFormError.
template <class F> std::string staleMessage(F&& save) {
    try {
        save();
    } catch (const StaleFormError& e) {
        return e.what();
    }
    return {};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("the refusal names the changed field with its new value, ID numbers and phones masked") {
    CHECK(storage::staleFormMessage({{"电话", "138****5678"}})
          == "保存失败：打开表单后，“电话”已被其他人或其他窗口改为138****5678。请核对后重新修改。");
    CHECK(storage::staleFormMessage({{"备注", ""}, {"姓名", "李四"}})
          == "保存失败：打开表单后，“备注”已被其他人或其他窗口清空，“姓名”改为李四。请核对后重新修改。");
}

TEST_CASE("志愿者: a stale form is refused, names the field, writes nothing; a fresh one saves") {
    Fixture f;
    Person p;
    p.name = "王芳";
    p.phone = "13800001111";
    p.unitId = f.community;
    p.note = "老党员";
    p.id = f.storage.insertPerson(p);
    const Person asLoaded = *f.storage.person(p.id);

    // Another window changes her phone.
    {
        storage::Storage other(f.path.str());
        Person changed = *other.person(p.id);
        changed.phone = "13812345678";
        other.updatePerson(changed);
    }
    Person edited = asLoaded;
    edited.note = "老党员，社区骨干";
    const std::string message = staleMessage([&] { f.storage.updatePerson(edited, &asLoaded); });
    CHECK(message == "保存失败：打开表单后，“手机号”已被其他人或其他窗口改为138****5678。请核对后重新修改。");
    CHECK(f.storage.person(p.id)->note == "老党员");          // nothing written
    CHECK(f.storage.person(p.id)->phone == "13812345678");   // the other window's change stays

    // The rule: any field that differs blocks, touched in the form or not.
    // Reopened (loaded again), the same edit saves.
    const Person reloaded = *f.storage.person(p.id);
    Person again = reloaded;
    again.note = "老党员，社区骨干";
    f.storage.updatePerson(again, &reloaded);
    CHECK(f.storage.person(p.id)->note == "老党员，社区骨干");
    CHECK(f.storage.person(p.id)->phone == "13812345678");

    // A field the form does not show (roster hours from an import) blocks too.
    const Person beforeImport = *f.storage.person(p.id);
    {
        storage::Storage other(f.path.str());
        Person changed = *other.person(p.id);
        changed.rosterHours = 120;
        other.updatePerson(changed);
    }
    CHECK(contains(staleMessage([&] { f.storage.updatePerson(beforeImport, &beforeImport); }), "“历史累计时长”已被其他人或其他窗口改为120"));

    // An ID number in the message is masked.
    const Person beforeId = *f.storage.person(p.id);
    {
        storage::Storage other(f.path.str());
        Person changed = *other.person(p.id);
        changed.idNumber = "11010519491231002X";
        other.updatePerson(changed);
    }
    const std::string idMessage = staleMessage([&] { f.storage.updatePerson(beforeId, &beforeId); });
    CHECK(contains(idMessage, "“身份证号”已被其他人或其他窗口改为110***********002X"));
    CHECK_FALSE(contains(idMessage, "11010519491231002X"));
}

TEST_CASE("服务记录: toggling 已核实 on a record changed elsewhere is refused") {
    Fixture f;
    Person p;
    p.name = "王芳";
    p.unitId = f.community;
    p.id = f.storage.insertPerson(p);
    ServiceRecord r;
    r.personId = p.id;
    r.servedOn = "2026-03-08";
    r.hours = 2;
    r.verified = false;
    r.id = f.storage.insertServiceRecord(r);
    storage::ActivityStore activities(f.storage);
    const ServiceRecord asLoaded = *activities.serviceRecord(r.id);
    {
        storage::Storage other(f.path.str());
        ServiceRecord changed = *storage::ActivityStore(other).serviceRecord(r.id);
        changed.hours = 3.5;
        storage::ActivityStore(other).updateServiceRecord(changed, "2026-11-29");
    }
    ServiceRecord toggled = asLoaded;
    toggled.verified = true;
    CHECK(staleMessage([&] { activities.updateServiceRecord(toggled, "2026-11-29", &asLoaded); })
          == "保存失败：打开表单后，“服务时长”已被其他人或其他窗口改为3.5。请核对后重新修改。");
    CHECK_FALSE(activities.serviceRecord(r.id)->verified);
    const ServiceRecord fresh = *activities.serviceRecord(r.id);
    ServiceRecord toggledFresh = fresh;
    toggledFresh.verified = true;
    activities.updateServiceRecord(toggledFresh, "2026-11-29", &fresh);
    CHECK(activities.serviceRecord(r.id)->verified);
    CHECK(activities.serviceRecord(r.id)->hours == 3.5);
}

TEST_CASE("活动: a stale activity form is refused; the unit is named, not its id") {
    Fixture f;
    storage::ActivityStore store(f.storage);
    Activity a;
    a.name = "三八节义诊";
    a.heldOn = "2026-03-08";
    a.unitId = f.community;
    a.id = store.insert(a, "2026-11-29");
    const Activity asLoaded = *store.activity(a.id);
    {
        storage::Storage other(f.path.str());
        Activity changed = *storage::ActivityStore(other).activity(a.id);
        changed.unitId = f.otherCommunity;
        storage::ActivityStore(other).update(changed, "2026-11-29");
    }
    Activity edited = asLoaded;
    edited.participants = 40;
    CHECK(staleMessage([&] { store.update(edited, "2026-11-29", &asLoaded); })
          == "保存失败：打开表单后，“举办单位”已被其他人或其他窗口改为书院社区。请核对后重新修改。");
    CHECK(store.activity(a.id)->participants == 0);
    const Activity fresh = *store.activity(a.id);
    Activity edited2 = fresh;
    edited2.participants = 40;
    store.update(edited2, "2026-11-29", &fresh);
    CHECK(store.activity(a.id)->participants == 40);
}

TEST_CASE("家庭 and its titles: stale forms are refused") {
    Fixture f;
    Family fam;
    fam.headName = "张三";
    fam.address = "望江路12号";
    fam.members = 3;
    fam.unitId = f.community;
    fam.id = f.records.addFamily(fam);
    const Family asLoaded = *f.records.family(fam.id);
    storage::FamilyAwardInput award;
    award.title = "平安家庭";
    award.level = "区";
    award.year = 2025;
    const RowId awardId = f.records.addFamilyAward(fam.id, award);
    const storage::FamilyAward awardAsLoaded = *f.records.familyAward(awardId);
    {
        storage::Storage other(f.path.str());
        storage::RecordStore otherRecords(other);
        Family changed = *otherRecords.family(fam.id);
        changed.address = "望江路14号";
        otherRecords.updateFamily(changed);
        storage::FamilyAwardInput changedAward = award;
        changedAward.awardId = awardId;
        changedAward.docNumber = "临妇字〔2025〕9号";
        otherRecords.updateFamilyAward(fam.id, changedAward);
    }
    Family edited = asLoaded;
    edited.members = 4;
    CHECK(staleMessage([&] { f.records.updateFamily(edited, &asLoaded); })
          == "保存失败：打开表单后，“家庭住址”已被其他人或其他窗口改为望江路14号。请核对后重新修改。");
    CHECK(f.records.family(fam.id)->members == 3);

    storage::FamilyAwardInput editedAward = award;
    editedAward.awardId = awardId;
    editedAward.status = "复核";
    CHECK(staleMessage([&] { f.records.updateFamilyAward(fam.id, editedAward, &awardAsLoaded); })
          == "保存失败：打开表单后，“文号”已被其他人或其他窗口改为临妇字〔2025〕9号。请核对后重新修改。");
    CHECK(f.records.familyAward(awardId)->status == "命名");

    const Family fresh = *f.records.family(fam.id);
    Family edited2 = fresh;
    edited2.members = 4;
    f.records.updateFamily(edited2, &fresh);
    CHECK(f.records.family(fam.id)->members == 4);
    const storage::FamilyAward freshAward = *f.records.familyAward(awardId);
    editedAward.docNumber = freshAward.docNumber;
    f.records.updateFamilyAward(fam.id, editedAward, &freshAward);
    CHECK(f.records.familyAward(awardId)->status == "复核");
}

TEST_CASE("荣誉: a stale honour form is refused, also when the holder was renamed") {
    Fixture f;
    storage::HonourInput in;
    in.name = "李梅";
    in.unitId = f.community;
    in.title = "三八红旗手";
    in.level = "区";
    in.year = 2025;
    const RowId awardId = f.records.saveHonour(in);
    const storage::HonourRow asLoaded = *f.records.honour(awardId);
    {
        storage::Storage other(f.path.str());
        storage::RecordStore otherRecords(other);
        storage::HonourInput changed = in;
        changed.awardId = awardId;
        changed.level = "市";
        otherRecords.saveHonour(changed);
    }
    storage::HonourInput edited = in;
    edited.awardId = awardId;
    edited.docNumber = "临妇〔2025〕3号";
    CHECK(staleMessage([&] { f.records.saveHonour(edited, &asLoaded); })
          == "保存失败：打开表单后，“级别”已被其他人或其他窗口改为市。请核对后重新修改。");
    CHECK(f.records.honour(awardId)->docNumber.empty());
    const storage::HonourRow fresh = *f.records.honour(awardId);
    edited.level = "市";
    f.records.saveHonour(edited, &fresh);
    CHECK(f.records.honour(awardId)->docNumber == "临妇〔2025〕3号");
    CHECK(f.storage.count("person") == 1);
}

TEST_CASE("组织: a stale unit form is refused") {
    Fixture f;
    const OrgUnit asLoaded = *f.records.unit(f.community);
    {
        storage::Storage other(f.path.str());
        storage::RecordStore(other).setHouseholds(f.community, 3200);
    }
    OrgUnit edited = asLoaded;
    edited.name = "望江新村社区";
    CHECK(staleMessage([&] { f.records.updateUnit(edited, &asLoaded); })
          == "保存失败：打开表单后，“总户数”已被其他人或其他窗口改为3200。请核对后重新修改。");
    CHECK(f.records.unit(f.community)->name == "望江社区");
    const OrgUnit fresh = *f.records.unit(f.community);
    OrgUnit edited2 = fresh;
    edited2.name = "望江新村社区";
    f.records.updateUnit(edited2, &fresh);
    CHECK(f.records.unit(f.community)->name == "望江新村社区");
    CHECK(f.records.unit(f.community)->households == 3200);
}

TEST_CASE("巾帼文明岗: a stale post form and a stale lifecycle step are refused") {
    Fixture f;
    storage::PostStore posts(f.storage);
    Post p;
    p.workUnit = "临江区税务局";
    p.name = "办税服务厅";
    p.unitId = f.street;
    p.members = 10;
    p.womenMembers = 8;
    p.womenLeaders = 1;
    p.contactPhone = "13900001111";
    p.id = posts.insertPost(p);
    const Post asLoaded = *posts.post(p.id);
    {
        storage::Storage other(f.path.str());
        storage::PostStore otherPosts(other);
        Post changed = *otherPosts.post(p.id);
        changed.contactPhone = "13812345678";
        otherPosts.updatePost(changed);
    }
    Post edited = asLoaded;
    edited.members = 12;
    CHECK(staleMessage([&] { posts.updatePost(edited, &asLoaded); })
          == "保存失败：打开表单后，“联系电话”已被其他人或其他窗口改为138****5678。请核对后重新修改。");
    CHECK(posts.post(p.id)->members == 10);

    // The step form: another window records the same step first.
    posts::TransitionRequest apply;
    apply.date = "2026-03-01";
    const auto applied = posts.apply(p.id, "区", 2026, apply, "2026-11-29");
    REQUIRE(applied.ok);
    const posts::AwardHistory seen = posts.awardsOf(p.id).front();
    posts::TransitionRequest create;
    create.status = "创建";
    create.date = "2026-04-01";
    {
        storage::Storage other(f.path.str());
        REQUIRE(storage::PostStore(other).transition(applied.id, create, "2026-11-29").ok);
    }
    posts::TransitionRequest assess;
    assess.status = "考核验收";
    assess.date = "2026-05-01";
    assess.score = 90;
    const auto stale = posts.transition(applied.id, assess, "2026-11-29", &seen);
    CHECK_FALSE(stale.ok);
    CHECK(stale.reason == "保存失败：打开表单后，“状态”已被其他人或其他窗口改为创建，“最近一步”改为创建（2026-04-01）。请核对后重新修改。");
    CHECK(posts.awardsOf(p.id).front().events.size() == 2);
    const posts::AwardHistory fresh = posts.awardsOf(p.id).front();
    CHECK(posts.transition(applied.id, assess, "2026-11-29", &fresh).ok);
    CHECK(posts.awardsOf(p.id).front().status == "考核验收");
}

TEST_CASE("data_version: a commit by another connection is noticed once, our own never") {
    Fixture f;
    CHECK_FALSE(f.storage.noticeWritesElsewhere());
    const auto revision = f.storage.revision();
    f.records.setHouseholds(f.community, 3100);              // our own write
    CHECK_FALSE(f.storage.noticeWritesElsewhere());
    CHECK(f.storage.revision() == revision + 1);
    {
        storage::Storage other(f.path.str());
        storage::RecordStore(other).setHouseholds(f.community, 3300);
    }
    // On a server the other's commit arrives as a notification on our
    // socket, possibly after its COMMIT returned: wait for it as an idle
    // window does (a file's data_version has moved already; its fd is -1).
    for (int i = 0; i < 50 && !f.storage.writesElsewherePending(); ++i)
        waitForFrameWake(0.1, {f.storage.writesElsewhereFd()});
    const auto prepared = f.storage.db().statementsPrepared();
    CHECK(f.storage.noticeWritesElsewhere());
    CHECK(f.storage.revision() == revision + 2);
    CHECK_FALSE(f.storage.noticeWritesElsewhere());
    CHECK(f.storage.db().statementsPrepared() == prepared);  // the cached pragma only
    f.storage.db().checkIdle();
}
