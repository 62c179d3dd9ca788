#include "web/openapi.hpp"

#include <catch2/catch.hpp>

#include "tests/web/server_fixture.hpp"
#include "web/api.hpp"

using namespace ccsim::web;
using namespace ccsim::web::test;

TEST_CASE("every route the server knows is in /api/openapi.json", "[web]") {
  server_fixture f;
  auto r = f.get("/api/openapi.json", "");
  REQUIRE(r.status == 200);
  auto doc = r.json();
  REQUIRE(doc.is_object());
  CHECK(std::string{doc.at("openapi").as_string()}.rfind("3.", 0) == 0);
  auto& paths = doc.at("paths").as_object();
  auto& routes = f.srv->rest().routes().routes();
  CHECK(routes.size() >= 25);
  for (auto& route : routes) {
    CAPTURE(route.method, route.pattern);
    REQUIRE(paths.contains(route.pattern));
    std::string method;
    for (char c : route.method) method.push_back(static_cast<char>(c - 'A' + 'a'));
    REQUIRE(paths.at(route.pattern).as_object().contains(method));
    auto& op = paths.at(route.pattern).at(method).as_object();
    CHECK(op.contains("summary"));
    CHECK(op.contains("responses"));
  }
  // ... and nothing the server does not know.
  std::size_t operations = 0;
  for (auto& [path, item] : paths) operations += item.as_object().size();
  CHECK(operations == routes.size());
  // Every referenced schema exists.
  auto text = r.body;
  auto& schemas = doc.at("components").at("schemas").as_object();
  for (auto pos = text.find("#/components/schemas/"); pos != std::string::npos;
       pos = text.find("#/components/schemas/", pos + 1)) {
    auto start = pos + std::string{"#/components/schemas/"}.size();
    auto name = text.substr(start, text.find('"', start) - start);
    CAPTURE(name);
    CHECK(schemas.contains(name));
  }
}
