#include "domain/time.hpp"

#include <catch2/catch.hpp>

using namespace ccsim;
using namespace std::chrono_literals;

TEST_CASE("clock times print as HH:MM:SS and days past midnight", "[domain]") {
  CHECK(format_clock(0s) == "00:00:00");
  CHECK(format_clock(8h + 30min + 5s) == "08:30:05");
  CHECK(format_clock(26h) == "1d 02:00:00");
}

TEST_CASE("seconds convert to nanosecond durations with rounding", "[domain]") {
  CHECK(from_seconds(1.5) == 1500ms);
  CHECK(from_seconds(0.0000000004) == 0ns);
  CHECK(to_seconds(from_seconds(180.25)) == Approx(180.25));
}
