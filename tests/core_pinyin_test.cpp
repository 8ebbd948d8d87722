// core_pinyin_test.cpp — pinyin search and pinyin order.
#include <doctest/doctest.h>

#include "core/pinyin.hpp"

#include <algorithm>
#include <vector>

using namespace jinguo;

TEST_CASE("pinyin and initials of names, rare characters included") {
    PinyinIndex index;
    NameKeys zhang = index.keysFor("张三");
    CHECK(zhang.pinyin == "zhangsan");
    CHECK(zhang.initials == "zs");
    CHECK(index.keysFor("刘犇").pinyin == "liuben");
    CHECK(index.keysFor("王瑀").pinyin == "wangyu");
    CHECK(index.keysFor("张堃").pinyin == "zhangkun");
    CHECK(index.keysFor("陈喆").pinyin == "chenzhe");
    CHECK(index.keysFor("迪丽娜尔·艾买提").initials == "dlneamt");
}

TEST_CASE("a surname is read as a surname") {
    PinyinIndex index;
    CHECK(index.keysFor("单田芳").pinyin == "shantianfang");
    CHECK(index.keysFor("曾国藩").pinyin == "zengguofan");
    CHECK(index.keysFor("简单").pinyin == "jiandan");   // not a surname in second place
}

TEST_CASE("a character ICU cannot read costs nothing and breaks nothing") {
    PinyinIndex index;
    NameKeys k = index.keysFor("高\xF0\xA0\xAE\xB7");   // 高𠮷
    CHECK(k.pinyin.rfind("gao", 0) == 0);
    CHECK_FALSE(k.collation.empty());
}

TEST_CASE("search: full pinyin, part of it, initials; not unrelated letters") {
    PinyinIndex index;
    NameKeys k = index.keysFor("张三丰");
    CHECK(matchesPinyin(k, "zhangsan"));
    CHECK(matchesPinyin(k, "ZhangSan"));
    CHECK(matchesPinyin(k, "sanfeng"));
    CHECK(matchesPinyin(k, "zs"));
    CHECK(matchesPinyin(k, "zsf"));
    CHECK_FALSE(matchesPinyin(k, "li"));
    CHECK_FALSE(matchesPinyin(k, "zf"));
    CHECK(isPinyinQuery("zs"));
    CHECK_FALSE(isPinyinQuery("张"));
    CHECK_FALSE(isPinyinQuery("138"));
}

TEST_CASE("lists sort in pinyin order, not by code point") {
    PinyinIndex index;
    std::vector<std::string> names = {"张三", "阿芳", "李四", "王五", "白雪", "赵六"};
    // By code point: 张(5F20) 李(674E) 王(738B) 白(767D) 赵(8D75) 阿(963F).
    std::vector<std::pair<std::string, std::string>> keyed;
    for (const auto& n : names) keyed.emplace_back(index.keysFor(n).collation, n);
    std::sort(keyed.begin(), keyed.end());
    std::vector<std::string> sorted;
    for (const auto& [key, name] : keyed) sorted.push_back(name);
    CHECK(sorted == std::vector<std::string>{"阿芳", "白雪", "李四", "王五", "张三", "赵六"});
}

TEST_CASE("the stored sort key text orders names as the collation does") {
    PinyinIndex index;
    const std::vector<std::string> names{"张三", "阿芳", "曾小华", "李四", "单雄信", "Amy", "王五", "张三丰", "欧阳娜娜"};
    for (const std::string& a : names) {
        const NameKeys ka = index.keysFor(a);
        const std::string ta = sortKeyText(ka);
        CHECK(ta.find_first_not_of("0123456789abcdef") == std::string::npos);
        CHECK(ta == sortKeyText(index, a));
        for (const std::string& b : names) {
            const NameKeys kb = index.keysFor(b);
            CHECK((ka.collation < kb.collation) == (ta < sortKeyText(kb)));
        }
    }
    CHECK(sortKeyText(index, "阿芳") < sortKeyText(index, "张三"));
    CHECK_FALSE(collationVersion().empty());
}
