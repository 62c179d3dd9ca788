#include "config/did_you_mean.hpp"

#include <catch2/catch.hpp>

using namespace ccsim;

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps", "[config]") {
  CHECK(edit_distance("seed", "seed") == 0);
  CHECK(edit_distance("seeed", "seed") == 1);
  CHECK(edit_distance("slaes", "sales") == 1);  // a swap is one edit
  CHECK(edit_distance("rate_per_hr", "rate_per_hour") == 2);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("Sales", "sales") == 0);  // case does not count
}

TEST_CASE("a close misspelling gets a suggestion, an unrelated word does not", "[config]") {
  std::vector<std::string_view> keys{"seed", "start", "duration", "calls", "warmup"};
  CHECK(did_you_mean("seeed", keys) == "seed");
  CHECK(did_you_mean("duratoin", keys) == "duration");
  CHECK(did_you_mean("warmpu", keys) == "warmup");
  CHECK_FALSE(did_you_mean("tenant_count", keys));
  CHECK_FALSE(did_you_mean("x", {"a"}));  // rewriting a whole word is no typo
  CHECK(did_you_mean("expo", {"fixed", "exponential"}) == "exponential");  // abbreviation
}

TEST_CASE("unknown-name messages suggest a match or list the choices", "[config]") {
  CHECK(unknown_name_message("key", "seeed", {"seed", "start"}) ==
        "unknown key \"seeed\"; did you mean \"seed\"?");
  CHECK(unknown_name_message("key", "zzz", {"seed", "start"}) ==
        "unknown key \"zzz\"; expected one of: seed, start");
  CHECK(unknown_name_message("agent type", "x", {}) == "unknown agent type \"x\"; none are defined");
}
