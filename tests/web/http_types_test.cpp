#include "web/http_types.hpp"

#include <catch2/catch.hpp>

#include "web/router.hpp"

using namespace ccsim::web;

TEST_CASE("parse_target splits and decodes path and query", "[web]") {
  std::string path;
  std::map<std::string, std::string> query;
  REQUIRE(parse_target("/ws?tenant=acme%20co&key=a%2Bb+c&flag", path, query));
  CHECK(path == "/ws");
  CHECK(query["tenant"] == "acme co");
  CHECK(query["key"] == "a+b c");
  CHECK(query.count("flag") == 1);
  REQUIRE(parse_target("/a%2e%2e/b", path, query));
  CHECK(path == "/a../b");
  CHECK(query.empty());
}

TEST_CASE("parse_target refuses bad escapes, NUL bytes and absolute URLs", "[web]") {
  std::string path;
  std::map<std::string, std::string> query;
  CHECK_FALSE(parse_target("/a%2", path, query));
  CHECK_FALSE(parse_target("/a%zz", path, query));
  CHECK_FALSE(parse_target("/a%00b", path, query));
  CHECK_FALSE(parse_target("http://example.com/", path, query));
  CHECK_FALSE(parse_target("", path, query));
}

TEST_CASE("the router matches patterns, reports allowed methods and rejects empty segments", "[web]") {
  router r;
  r.add({"GET", "/api/tenants/{tenant}/agents/{agent}", "", access::tenant, "", "", {200}, nullptr});
  r.add({"DELETE", "/api/tenants/{tenant}/agents/{agent}", "", access::tenant, "", "", {204}, nullptr});
  r.add({"GET", "/health", "", access::open, "", "", {200}, nullptr});
  auto m = r.match("GET", "/api/tenants/acme/agents/7");
  REQUIRE(m.found);
  CHECK(m.params["tenant"] == "acme");
  CHECK(m.params["agent"] == "7");
  CHECK(r.match("GET", "/health/").found);  // a trailing slash is fine
  auto wrong = r.match("PUT", "/api/tenants/acme/agents/7");
  CHECK_FALSE(wrong.found);
  CHECK(wrong.allowed == std::vector<std::string>{"GET", "DELETE"});
  auto none = r.match("GET", "/api/tenants/acme/agents");
  CHECK_FALSE(none.found);
  CHECK(none.allowed.empty());
  CHECK_FALSE(r.match("GET", "/api/tenants//agents/7").found);
}

TEST_CASE("every access level has a name", "[web]") {
  for (auto a : {access::open, access::tenant, access::any_key, access::admin}) CHECK(to_string(a) != "?");
}
