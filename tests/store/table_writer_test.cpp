#include "store/table_writer.hpp"

#include <sstream>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

namespace ccsim {
namespace {

using store::cell;

TEST_CASE("durations print as exact decimal seconds", "[store]") {
  CHECK(store::format_seconds(sim_duration{0}) == "0");
  CHECK(store::format_seconds(sim_duration{5'000'000'000}) == "5");
  CHECK(store::format_seconds(sim_duration{12'000'000'123}) == "12.000000123");
  CHECK(store::format_seconds(sim_duration{1'500'000'000}) == "1.5");
  CHECK(store::format_seconds(sim_duration{-250'000'000}) == "-0.25");
}

TEST_CASE("CSV quotes what needs quoting and leaves empty cells empty", "[store]") {
  std::ostringstream out;
  store::table_writer w(out, store::table_format::csv, {"a", "b", "c", "d"});
  w.row({cell::of(std::string("x,y")), cell::of(std::int64_t{3}), cell{}, cell::of(std::string("say \"hi\""))});
  w.row({cell::of(0.25), cell::of(sim_duration{2'000'000'000}), cell::of(std::string("plain")), cell{}});
  w.finish();
  CHECK(out.str() == "a,b,c,d\n\"x,y\",3,,\"say \"\"hi\"\"\"\n0.25,2,plain,\n");
  CHECK(w.rows() == 2);
}

TEST_CASE("JSON output is an array of objects that parses back", "[store]") {
  std::ostringstream out;
  store::table_writer w(out, store::table_format::json, {"name", "n", "none"});
  w.row({cell::of(std::string("a\"b\\c\n")), cell::of(std::int64_t{-7}), cell{}});
  w.row({cell::of(std::string("é")), cell::of(1.5), cell{}});
  w.finish();
  auto v = boost::json::parse(out.str());
  REQUIRE(v.is_array());
  REQUIRE(v.as_array().size() == 2);
  CHECK(v.as_array()[0].at("name").as_string() == "a\"b\\c\n");
  CHECK(v.as_array()[0].at("n").as_int64() == -7);
  CHECK(v.as_array()[0].at("none").is_null());
  CHECK(v.as_array()[1].at("n").as_double() == 1.5);

  std::ostringstream empty;
  store::table_writer e(empty, store::table_format::json, {"x"});
  e.finish();
  auto none = boost::json::parse(empty.str());
  CHECK(none.as_array().empty());
}

} // namespace
} // namespace ccsim
