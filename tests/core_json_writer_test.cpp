// core_json_writer_test.cpp — escaping, UTF-8, numbers and nesting of JsonWriter.
#include <doctest/doctest.h>

#include "core/json_writer.hpp"
#include "json_check.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

using namespace jinguo;
using jinguo::test::JsonReader;

TEST_CASE("strings: quotes, backslashes and control characters are escaped") {
    CHECK(jsonQuoted("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(jsonQuoted("line\nnext\ttab\rcr") == "\"line\\nnext\\ttab\\rcr\"");
    CHECK(jsonQuoted(std::string("\x01\x1f\x7f", 3)) == "\"\\u0001\\u001f\\u007f\"");
    CHECK(jsonQuoted(std::string("nul\0byte", 8)) == "\"nul\\u0000byte\"");
    CHECK(jsonQuoted("/") == "\"/\"");
}

TEST_CASE("strings: UTF-8 passes through, broken bytes become U+FFFD") {
    CHECK(jsonQuoted("巾帼文明岗") == "\"巾帼文明岗\"");
    CHECK(jsonQuoted("高𠮷·迪丽娜尔") == "\"高𠮷·迪丽娜尔\"");   // 4-byte UTF-8 kept as is
    CHECK(jsonQuoted("\xff") == "\"\xEF\xBF\xBD\"");
    CHECK(jsonQuoted("a\xe5\xb7") == "\"a\xEF\xBF\xBD\xEF\xBF\xBD\"");   // truncated 巾
    CHECK(jsonQuoted("\xc0\xaf") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");     // overlong '/'
    CHECK(jsonQuoted("\xed\xa0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");   // a surrogate
    // GBK bytes of 张三 (from an old CSV) still give valid JSON.
    const std::string gbk = jsonQuoted("\xd5\xc5\xc8\xfd");
    CHECK_NOTHROW(JsonReader::parse(gbk));
}

TEST_CASE("numbers: shortest round trip, integers without a point, no NaN") {
    CHECK(jsonNumber(0.1) == "0.1");
    CHECK(jsonNumber(20) == "20");
    CHECK(jsonNumber(-3.5) == "-3.5");
    CHECK(jsonNumber(0.825) == "0.825");
    CHECK(jsonNumber(-0.0) == "0");
    CHECK(jsonNumber(1e21) == "1e+21");
    CHECK(jsonNumber(std::nan("")) == "null");
    CHECK(jsonNumber(std::numeric_limits<double>::infinity()) == "null");
    CHECK(std::stod(jsonNumber(1.0 / 3)) == 1.0 / 3);
}

TEST_CASE("objects and arrays nest, with commas only between members") {
    JsonWriter w;
    w.beginObject()
        .member("board", "volunteers")
        .member("count", 3)
        .member("ok", true)
        .key("none").null()
        .key("rows").beginArray();
    w.beginObject().member("rank", 1).member("name", "王芳").endObject();
    w.beginObject().member("rank", 2).member("value", 0.5).endObject();
    w.beginArray().endArray();
    w.endArray().key("empty").beginObject().endObject().endObject();
    CHECK(w.complete());
    CHECK(w.str() == "{\"board\":\"volunteers\",\"count\":3,\"ok\":true,\"none\":null,\"rows\":"
                     "[{\"rank\":1,\"name\":\"王芳\"},{\"rank\":2,\"value\":0.5},[]],\"empty\":{}}");
    const auto v = JsonReader::parse(w.str());
    CHECK(v["rows"][0]["name"].text == "王芳");
    CHECK(v.keys() == std::vector<std::string>{"board", "count", "ok", "none", "rows", "empty"});
}

TEST_CASE("indented output is the same JSON") {
    JsonWriter w(2);
    w.beginObject().member("a", 1).key("b").beginArray().value("x").value(2.5).endArray().endObject();
    CHECK(w.str() == "{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    2.5\n  ]\n}");
    CHECK(JsonReader::parse(w.str())["b"][1].number == 2.5);
}

TEST_CASE("misuse is a programming error") {
    CHECK_THROWS_AS(JsonWriter().beginObject().value("no key"), std::logic_error);
    CHECK_THROWS_AS(JsonWriter().beginArray().key("k"), std::logic_error);
    CHECK_THROWS_AS(JsonWriter().beginObject().endArray(), std::logic_error);
    CHECK_THROWS_AS(JsonWriter().beginObject().key("a").key("b"), std::logic_error);
    CHECK_THROWS_AS(JsonWriter().value(1).value(2), std::logic_error);
    JsonWriter open;
    open.beginObject();
    CHECK_FALSE(open.complete());
}
