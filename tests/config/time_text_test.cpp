#include "config/time_text.hpp"

#include <catch2/catch.hpp>

using namespace ccsim;
using namespace std::chrono_literals;

TEST_CASE("duration text accepts hours, minutes, seconds and milliseconds", "[config]") {
  CHECK(parse_duration_text("90s").value == 90s);
  CHECK(parse_duration_text("15m").value == 15min);
  CHECK(parse_duration_text("8h").value == 8h);
  CHECK(parse_duration_text("1h30m").value == 90min);
  CHECK(parse_duration_text("1h 30m 15s").value == 1h + 30min + 15s);
  CHECK(parse_duration_text("2.5s").value == 2500ms);
  CHECK(parse_duration_text("250ms").value == 250ms);
  CHECK(parse_duration_text("1.5h").value == 90min);
  CHECK(parse_duration_text("0s").value == 0s);
  CHECK(parse_duration_text(" 3 m ").value == 3min);
  CHECK(parse_duration_text("2d12h").value == 60h);
}

TEST_CASE("bad duration text says what is wrong with it", "[config]") {
  auto error_of = [](std::string_view text) {
    auto r = parse_duration_text(text);
    CHECK_FALSE(r.value);
    return r.error;
  };
  CHECK_THAT(error_of("15mins"), Catch::Contains("unknown unit \"mins\""));
  CHECK_THAT(error_of("abc"), Catch::Contains("\"abc\" is not a duration"));
  CHECK_THAT(error_of("90"), Catch::Contains("missing unit after 90"));
  CHECK_THAT(error_of("30m1h"), Catch::Contains("out of order"));
  CHECK_THAT(error_of("1m1m"), Catch::Contains("out of order or repeated"));
  CHECK_THAT(error_of("-5s"), Catch::Contains("cannot be negative"));
  CHECK_THAT(error_of("08:00"), Catch::Contains("is a clock time"));
  CHECK_THAT(error_of(""), Catch::Contains("empty duration"));
  CHECK_THAT(error_of("1.2.3s"), Catch::Contains("bad number \"1.2.3\""));
  CHECK_THAT(error_of("100000h"), Catch::Contains("too long"));
  CHECK_THAT(error_of("1h+2m"), Catch::Contains("unexpected \"+\""));
}

TEST_CASE("clock text reads HH:MM and HH:MM:SS as time since midnight", "[config]") {
  CHECK(parse_clock_text("08:30").value == 8h + 30min);
  CHECK(parse_clock_text("8:30").value == 8h + 30min);
  CHECK(parse_clock_text("08:30:15").value == 8h + 30min + 15s);
  CHECK(parse_clock_text("00:00").value == 0s);
  CHECK(parse_clock_text("24:00").value == 24h);
  CHECK_FALSE(parse_clock_text("24:01").value);
  CHECK_FALSE(parse_clock_text("25:00").value);
  CHECK_FALSE(parse_clock_text("08:60").value);
  CHECK_FALSE(parse_clock_text("08:3").value);
  CHECK_FALSE(parse_clock_text("08").value);
  CHECK_FALSE(parse_clock_text("08:00:00:00").value);
  CHECK_FALSE(parse_clock_text("8h").value);
  CHECK_THAT(parse_clock_text("08:75").error, Catch::Contains("minutes and seconds go up to 59"));
}

TEST_CASE("clock-shaped text is told apart from duration text", "[config]") {
  CHECK(looks_like_clock("08:00"));
  CHECK(looks_like_clock("8:00:00"));
  CHECK_FALSE(looks_like_clock("8h"));
  CHECK_FALSE(looks_like_clock("+2h"));
}

TEST_CASE("durations and times of day print the way scenario files write them", "[config]") {
  CHECK(format_duration(0s) == "0s");
  CHECK(format_duration(90min) == "1h30m");
  CHECK(format_duration(2500ms) == "2.5s");
  CHECK(format_duration(8h) == "8h");
  CHECK(format_duration(-5s) == "-5s");
  CHECK(format_time_of_day(8h + 30min) == "08:30");
  CHECK(format_time_of_day(8h + 30min + 5s) == "08:30:05");
}
