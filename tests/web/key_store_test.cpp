#include "web/key_store.hpp"

#include <set>

#include <catch2/catch.hpp>

using namespace ccsim::web;

TEST_CASE("generated keys are long, distinct and hex after the prefix", "[web]") {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    auto k = key_store::generate_key();
    CHECK(k.size() == 6 + 32);
    CHECK(k.rfind("ccsim_", 0) == 0);
    CHECK(k.find_first_not_of("0123456789abcdef", 6) == std::string::npos);
    seen.insert(k);
  }
  CHECK(seen.size() == 100);
}

TEST_CASE("a tenant key opens only its own tenant and the admin key opens all", "[web]") {
  key_store keys{"admin-key-0123456789"};
  auto a = keys.issue("a");
  auto b = keys.issue("b");
  CHECK(keys.may_access(a, "a"));
  CHECK_FALSE(keys.may_access(a, "b"));
  CHECK_FALSE(keys.may_access(b, "a"));
  CHECK(keys.may_access("admin-key-0123456789", "a"));
  CHECK(keys.may_access("admin-key-0123456789", "unknown"));
  CHECK_FALSE(keys.may_access("", "a"));
  CHECK_FALSE(keys.may_access("wrong", "a"));
  CHECK(keys.is_admin("admin-key-0123456789"));
  CHECK_FALSE(keys.is_admin(a));
}

TEST_CASE("identify names the owner of a key, or nobody", "[web]") {
  key_store keys{"admin-key-0123456789"};
  auto a = keys.issue("a");
  REQUIRE(keys.identify(a));
  CHECK(keys.identify(a)->tenant == "a");
  CHECK_FALSE(keys.identify(a)->admin);
  CHECK(keys.identify("admin-key-0123456789")->admin);
  CHECK_FALSE(keys.identify("nope"));
  CHECK_FALSE(keys.identify(""));
}

TEST_CASE("issuing a new key replaces the old one", "[web]") {
  key_store keys{"admin-key-0123456789"};
  auto first = keys.issue("a");
  auto second = keys.issue("a");
  CHECK(first != second);
  CHECK_FALSE(keys.may_access(first, "a"));
  CHECK(keys.may_access(second, "a"));
  keys.revoke("a");
  CHECK_FALSE(keys.may_access(second, "a"));
  CHECK_FALSE(keys.has_key("a"));
}
