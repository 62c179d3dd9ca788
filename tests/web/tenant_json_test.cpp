#include "web/tenant_json.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include "web/json_input.hpp"

using namespace ccsim;
using namespace ccsim::web;
namespace json = boost::json;

namespace {

std::variant<tenant, api_error> from(const std::string& text) {
  return tenant_from_json(json::parse(text).as_object());
}

api_error error_of(const std::string& text) {
  auto r = from(text);
  REQUIRE(std::holds_alternative<api_error>(r));
  return std::get<api_error>(r);
}

const std::string good = R"({"name":"acme","service_level_seconds":30,"service_level_target":0.9,
  "idle_policy":"since_last_call","max_queue":40,
  "call_types":[{"name":"sales","priority":2,"talk":{"dist":"normal","mean":180,"sd":60,"min":0},
                 "wrap_up":{"dist":"fixed","mean":10},"patience":{"dist":"exponential","mean":90},
                 "max_queue":10,"max_wait":300},
                {"name":"care","talk":{"dist":"lognormal","mean":200,"sd":100}}],
  "agent_types":[{"name":"rep","skills":["care","sales"]},{"name":"helper","skills":["care"]}],
  "agents":[{"type":"rep","count":3},{"type":"helper","count":2}],
  "conversion":{"rep":{"sales":0.3,"care":0.1},"helper":{"care":0.05}}})";

} // namespace

TEST_CASE("a full tenant definition becomes the same domain tenant a scenario gives", "[web]") {
  auto r = from(good);
  REQUIRE(std::holds_alternative<tenant>(r));
  auto& t = std::get<tenant>(r);
  CHECK(t.name == "acme");
  CHECK(t.service_level_threshold == std::chrono::seconds(30));
  CHECK(t.service_level_target == Approx(0.9));
  CHECK(t.idle == idle_policy::since_last_call);
  CHECK(t.max_queue == 40u);
  REQUIRE(t.call_types.size() == 2);
  auto& sales = t.call_types[0];
  CHECK(sales.priority == 2);
  CHECK(sales.talk.kind == distribution_kind::normal_truncated);
  CHECK(sales.talk.sd == 60);
  CHECK(sales.wrap_up.mean == 10);
  REQUIRE(sales.patience);
  CHECK(sales.patience->kind == distribution_kind::exponential);
  CHECK(sales.max_queue == 10u);
  CHECK(sales.max_wait == std::chrono::seconds(300));
  CHECK_FALSE(t.call_types[1].patience);
  REQUIRE(t.agent_types.size() == 2);
  CHECK(t.agent_types[0].skills == std::vector<call_type_index>{0, 1});  // sorted indices
  REQUIRE(t.agents.size() == 2);
  CHECK(t.agents[1].type == 1);
  CHECK(t.agents[1].count == 2);
  CHECK(t.has_conversion);
  CHECK(t.conversion[0][0] == Approx(0.3));
  CHECK(t.conversion[1][1] == Approx(0.05));
}

TEST_CASE("a minimal definition takes the defaults and a zero conversion matrix", "[web]") {
  auto r = from(R"({"name":"m","call_types":[{"name":"c","talk":{"dist":"fixed","mean":5}}],
                    "agent_types":[{"name":"a","skills":["c"]}]})");
  REQUIRE(std::holds_alternative<tenant>(r));
  auto& t = std::get<tenant>(r);
  CHECK(t.service_level_threshold == std::chrono::seconds(20));
  CHECK(t.service_level_target == Approx(0.8));
  CHECK_FALSE(t.has_conversion);
  CHECK(t.conversion == std::vector<std::vector<double>>{{0.0}});
  CHECK(t.agents.empty());
}

TEST_CASE("missing fields, wrong types and unknown fields are 400 with the field path", "[web]") {
  auto e = error_of(R"({"call_types":[{"name":"c"}],"agent_types":[{"name":"a","skills":["c"]}]})");
  CHECK(e.status == 400);
  CHECK(e.code == "missing_field");
  CHECK_THAT(e.detail, Catch::Contains("name: is required"));
  CHECK_THAT(e.detail, Catch::Contains("call_types[0].talk: is required"));

  e = error_of(R"({"name":"x","call_types":[{"name":"c","talk":{"dist":"fixed","mean":"5"}}],
                   "agent_types":[{"name":"a","skills":["c"]}]})");
  CHECK(e.status == 400);
  CHECK(e.code == "wrong_type");
  CHECK_THAT(e.detail, Catch::Contains("call_types[0].talk.mean: must be a number, got a string"));

  e = error_of(R"({"name":"x","colour":"red","call_types":[{"name":"c","talk":{"dist":"fixed","mean":5}}],
                   "agent_types":[{"name":"a","skills":["c"]}]})");
  CHECK(e.code == "unknown_field");
  CHECK_THAT(e.detail, Catch::Contains("colour: unknown field"));
}

TEST_CASE("values out of range and unknown references are 422 with the field path", "[web]") {
  auto e = error_of(R"({"name":"x","call_types":[{"name":"c","talk":{"dist":"exponential","mean":-3}}],
                        "agent_types":[{"name":"a","skills":["c","d"]}]})");
  CHECK(e.status == 422);
  CHECK(e.code == "invalid_value");
  CHECK_THAT(e.detail, Catch::Contains("call_types[0].talk.mean: must be > 0, got -3"));
  CHECK_THAT(e.detail, Catch::Contains("agent_types[0].skills[1]: unknown call type \"d\""));

  e = error_of(R"({"name":"bad name!","call_types":[{"name":"c","talk":{"dist":"gauss","mean":3}}],
                   "agent_types":[{"name":"a","skills":["c"]}],"service_level_target":1.5})");
  CHECK_THAT(e.detail, Catch::Contains("name: must be 1 to 64 letters"));
  CHECK_THAT(e.detail, Catch::Contains("call_types[0].talk.dist: unknown distribution \"gauss\""));
  CHECK_THAT(e.detail, Catch::Contains("service_level_target: must be a share in (0, 1]"));

  e = error_of(R"({"name":"x","call_types":[{"name":"c","talk":{"dist":"fixed","mean":3}},{"name":"c","talk":{"dist":"fixed","mean":3}}],
                   "agent_types":[{"name":"a","skills":["c"]}],"agents":[{"type":"b","count":0}]})");
  CHECK_THAT(e.detail, Catch::Contains("call_types[1].name: \"c\" is used twice"));
  CHECK_THAT(e.detail, Catch::Contains("agents[0].type: unknown agent type \"b\""));
  CHECK_THAT(e.detail, Catch::Contains("agents[0].count: must be between 1 and"));
}

TEST_CASE("distribution parameters follow the scenario file rules", "[web]") {
  auto e = error_of(R"({"name":"x","call_types":[{"name":"c","talk":{"dist":"normal","mean":3}}],
                        "agent_types":[{"name":"a","skills":["c"]}]})");
  CHECK_THAT(e.detail, Catch::Contains("call_types[0].talk.sd: is required"));
  e = error_of(R"({"name":"x","call_types":[{"name":"c","talk":{"dist":"fixed","mean":3,"sd":1}}],
                   "agent_types":[{"name":"a","skills":["c"]}]})");
  CHECK_THAT(e.detail, Catch::Contains("call_types[0].talk.sd: is not used by this distribution"));
  e = error_of(R"({"name":"x","call_types":[{"name":"c","talk":{"dist":"normal","mean":3,"sd":1,"min":100}}],
                   "agent_types":[{"name":"a","skills":["c"]}]})");
  CHECK_THAT(e.detail, Catch::Contains("call_types[0].talk.min: must be at most mean + 6 sd"));
}

TEST_CASE("the conversion matrix needs a cell for every skill and nothing else", "[web]") {
  auto base = [](const std::string& conv) {
    return R"({"name":"x","call_types":[{"name":"c","talk":{"dist":"fixed","mean":3}},{"name":"d","talk":{"dist":"fixed","mean":3}}],
               "agent_types":[{"name":"a","skills":["c"]}],"conversion":)" + conv + "}";
  };
  CHECK_THAT(error_of(base(R"({"a":{"d":0.1,"c":0.2}})")).detail, Catch::Contains("conversion.a.d: agent type \"a\" has no skill \"d\""));
  CHECK_THAT(error_of(base(R"({"a":{}})")).detail, Catch::Contains("conversion.a.c: missing cell"));
  CHECK_THAT(error_of(base(R"({"a":{"c":1.5}})")).detail, Catch::Contains("conversion.a.c: must be a probability"));
  CHECK_THAT(error_of(base(R"({"z":{"c":0.5}})")).detail, Catch::Contains("conversion.z: unknown agent type"));
  CHECK_THAT(error_of(base(R"({})")).detail, Catch::Contains("conversion.a: missing row"));
}

TEST_CASE("parse_object tells malformed JSON from JSON that is not an object", "[web]") {
  auto bad = parse_object("{\"a\":");
  REQUIRE(std::holds_alternative<api_error>(bad));
  CHECK(std::get<api_error>(bad).code == "malformed_json");
  CHECK(std::get<api_error>(bad).status == 400);
  auto arr = parse_object("[1]");
  REQUIRE(std::holds_alternative<api_error>(arr));
  CHECK(std::get<api_error>(arr).code == "wrong_type");
  CHECK(std::holds_alternative<json::object>(parse_object("  ", true)));
  CHECK(std::holds_alternative<api_error>(parse_object("  ", false)));
  std::string deep(100, '[');
  CHECK(std::holds_alternative<api_error>(parse_object(deep)));
}

TEST_CASE("tenant names are URL-safe", "[web]") {
  CHECK(is_valid_tenant_name("acme_2-b"));
  CHECK_FALSE(is_valid_tenant_name(""));
  CHECK_FALSE(is_valid_tenant_name("a/b"));
  CHECK_FALSE(is_valid_tenant_name("a b"));
  CHECK_FALSE(is_valid_tenant_name(std::string(65, 'a')));
}
