// Bad input, part 3: parts that do not fit together. Names that refer to
// nothing, the conversion matrix, shifts and breaks, staffing and the
// conditions a run by call count needs. Each case checks the line, the key
// path and the message.
#include "config/scenario_loader.hpp"

#include "tests/config/loader_test_support.hpp"
#include "tests/config/minimal_scenario.hpp"

using namespace ccsim;
using namespace ccsim::test;
using Catch::Contains;

TEST_CASE("a conversion probability outside 0..1 is rejected", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .tail("[tenants.a.conversion]\n"
                                   "t = { c = 1.5 }")
                             .text());
  CHECK(e.line == 11);
  CHECK(e.column == 11);
  CHECK(e.key == "tenants.a.conversion.t.c");
  CHECK(e.message == "must be a probability between 0 and 1, got 1.5");
}

TEST_CASE("a conversion matrix missing a cell names the cell", "[config]") {
  auto errors = errors_in(load_scenario(fixture("conversion_missing_cell.toml")));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 27);
  CHECK(errors[0].key == "tenants.acme.conversion.senior.support");
  CHECK_THAT(errors[0].message, Contains("missing cell") && Contains("\"support\""));
}

TEST_CASE("a conversion matrix missing a row names the agent type", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .extra_agent_type("u", "skills = [\"c\"]")
                             .tail("[tenants.a.conversion]\n"
                                   "t = { c = 0.5 }")
                             .text());
  CHECK(e.line == 12);
  CHECK(e.key == "tenants.a.conversion.u");
  CHECK_THAT(e.message, Contains("missing row for agent type \"u\"") && Contains("(c)"));
}

TEST_CASE("a conversion cell for a call type the agent type does not take is rejected", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .extra_call_type("d")
                             .agent_type("skills = [\"c\", \"d\"]")
                             .extra_agent_type("u", "skills = [\"c\"]")
                             .tail("[tenants.a.conversion]\n"
                                   "t = { c = 0.5, d = 0.1 }\n"
                                   "u = { c = 0.5, d = 0.2 }")
                             .text());
  CHECK(e.line == 17);
  CHECK(e.column == 16);
  CHECK(e.key == "tenants.a.conversion.u.d");
  CHECK_THAT(e.message, Contains("has no skill \"d\""));
}

TEST_CASE("unknown agent and call types in the conversion matrix are reported", "[config]") {
  auto errors = errors_of(minimal_scenario{}
                              .names("a", "sales", "rep")
                              .tail("[tenants.a.conversion]\n"
                                    "rep = { sales = 0.5, saels = 0.1 }\n"
                                    "repp = { sales = 0.5 }")
                              .text());
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 2);
  CHECK((errors[0].line == 11 && errors[0].key == "tenants.a.conversion.rep.saels"));
  CHECK(errors[0].message == "unknown call type \"saels\"; did you mean \"sales\"?");
  CHECK((errors[1].line == 12 && errors[1].key == "tenants.a.conversion.repp"));
  CHECK(errors[1].message == "unknown agent type \"repp\"; did you mean \"rep\"?");
}

TEST_CASE("an agent group naming an unknown agent type is reported with a suggestion", "[config]") {
  auto errors = errors_of(minimal_scenario{}
                              .names("a", "c", "senior")
                              .agents("type = \"senoir\"\n"
                                      "count = 1")
                              .text());
  // Only the typo: the call type it leaves unstaffed is not a second error.
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 8);
  CHECK(errors[0].key == "tenants.a.agents[0].type");
  CHECK(errors[0].message == "unknown agent type \"senoir\"; did you mean \"senior\"?");
}

TEST_CASE("a skill naming an unknown call type is reported with a suggestion", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .names("a", "sales", "rep")
                             .agent_type("skills = [\"slaes\"]")
                             .text());
  CHECK(e.line == 6);
  CHECK(e.column == 11);
  CHECK(e.key == "tenants.a.agent_types.rep.skills[0]");
  CHECK(e.message == "unknown call type \"slaes\"; did you mean \"sales\"?");
}

TEST_CASE("a skill listed twice is reported at the second mention", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .names("a", "sales", "rep")
                             .agent_type("skills = [\"sales\", \"sales\"]")
                             .text());
  CHECK(e.line == 6);
  CHECK(e.column == 20);
  CHECK(e.key == "tenants.a.agent_types.rep.skills[1]");
  CHECK(e.message == "skill \"sales\" is listed twice");
}

TEST_CASE("an empty skill list is rejected", "[config]") {
  auto e = only_error_of(minimal_scenario{}.extra_agent_type("idle", "skills = []").text());
  CHECK(e.line == 8);
  CHECK(e.key == "tenants.a.agent_types.idle.skills");
  CHECK(e.message == "must name at least one call type");
}

TEST_CASE("a shift that does not end after it starts is rejected", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .head("duration = \"24h\"")
                             .tail("shift = { login = \"16:00\", logout = \"08:00\" }")
                             .text());
  CHECK(e.line == 10);
  CHECK(e.column == 37);
  CHECK(e.key == "tenants.a.agents[0].shift.logout");
  CHECK(e.message == "must be after login at 16:00, got \"08:00\"");
}

TEST_CASE("a break outside the shift is rejected", "[config]") {
  auto errors = errors_in(load_scenario(fixture("break_outside_shift.toml")));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 19);
  CHECK(errors[0].key == "tenants.acme.agents[0].shift.breaks[0].length");
  CHECK(errors[0].message == "break ends at 16:15, after logout at 16:00");

  auto e = only_error_of(minimal_scenario{}
                             .head("duration = \"24h\"")
                             .tail("shift = { login = \"08:00\", logout = \"16:00\", "
                                   "breaks = [{ start = \"07:45\", length = \"30m\" }] }")
                             .text());
  CHECK(e.line == 10);
  CHECK(e.key == "tenants.a.agents[0].shift.breaks[0].start");
  CHECK(e.message == "break starts at 07:45, before login at 08:00");
}

TEST_CASE("breaks out of time order or overlapping are rejected", "[config]") {
  auto errors = errors_of(minimal_scenario{}
                              .head("duration = \"24h\"")
                              .tail("[tenants.a.agents.shift]\n"
                                    "login = \"08:00\"\n"
                                    "logout = \"16:00\"\n"
                                    "breaks = [\n"
                                    "  { start = \"12:00\", length = \"30m\" },\n"
                                    "  { start = \"12:15\", length = \"15m\" },\n"
                                    "  { start = \"10:00\", length = \"15m\" },\n"
                                    "]")
                              .text());
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].line == 15);
  CHECK(errors[0].key == "tenants.a.agents[0].shift.breaks[1].start");
  CHECK(errors[0].message == "break at 12:15 overlaps the previous break, 12:00-12:30");
  CHECK(errors[1].line == 16);
  CHECK(errors[1].key == "tenants.a.agents[0].shift.breaks[2].start");
  CHECK_THAT(errors[1].message, Contains("comes before the previous break at 12:00"));
}

TEST_CASE("a call type that no staffed agent type can take is reported", "[config]") {
  auto errors = errors_of(minimal_scenario{}
                              .extra_call_type("orphan")
                              .extra_call_type("understaffed")
                              .extra_agent_type("nobody", "skills = [\"understaffed\"]")
                              .text());
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].line == 5);
  CHECK(errors[0].key == "tenants.a.call_types.orphan");
  CHECK_THAT(errors[0].message, Contains("no agent can take calls of type \"orphan\"") &&
                                    Contains("no agent type has this skill"));
  CHECK(errors[1].line == 8);
  CHECK(errors[1].key == "tenants.a.call_types.understaffed");
  CHECK_THAT(errors[1].message, Contains("(nobody) have no agents"));
}

TEST_CASE("a tenant without call types, agent types or agents is reported", "[config]") {
  auto errors = errors_of(R"(duration = "1h"
[tenants.empty]
service_level_seconds = 20
[tenants.hollow.call_types]
[tenants.hollow.agent_types]
[tenants.hollow]
agents = []
)");
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 6);
  CHECK((errors[0].line == 2 && errors[0].key == "tenants.empty.call_types"));
  CHECK_THAT(errors[0].message, Contains("at least one"));
  CHECK((errors[1].line == 2 && errors[1].key == "tenants.empty.agent_types"));
  CHECK((errors[2].line == 2 && errors[2].key == "tenants.empty.agents"));
  CHECK_THAT(errors[2].message, Contains("[[tenants.empty.agents]]"));
  CHECK((errors[3].line == 4 && errors[3].key == "tenants.hollow.call_types"));
  CHECK((errors[4].line == 5 && errors[4].key == "tenants.hollow.agent_types"));
  CHECK((errors[5].line == 7 && errors[5].key == "tenants.hollow.agents"));
  CHECK(errors[5].message == "a tenant needs at least one agent group");
}

TEST_CASE("a scenario without tenants is reported", "[config]") {
  auto e = only_error_of("duration = \"1h\"\n[tenants]\n");
  CHECK(e.line == 2);
  CHECK(e.key == "tenants");
  CHECK(e.message == "a scenario needs at least one tenant");
}

TEST_CASE("agents given as a single table instead of an array of tables are reported", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .without_agents()
                             .tail("[tenants.a.agents]\n"
                                   "type = \"t\"\n"
                                   "count = 1")
                             .text());
  CHECK(e.line == 7);
  CHECK(e.key == "tenants.a.agents");
  CHECK_THAT(e.message, Contains("expected an array of tables ([[tenants.a.agents]]), got a table"));
}

TEST_CASE("a run by call count alone needs arrivals that never stop", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .head("calls = 1000")
                             .call_type("arrivals = { interval = \"1h\", rates_per_hour = [10, 20] }\n"
                                        "talk = { dist = \"fixed\", mean = 1 }")
                             .text());
  CHECK(e.line == 2);
  CHECK(e.key == "tenants.a");
  CHECK_THAT(e.message, Contains("repeat_daily = true"));
}

TEST_CASE("a run by call count alone needs agents who stay or callers who can leave", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .head("calls = 1000")
                             .call_type("rate_per_hour = 10\n"
                                        "talk = { dist = \"fixed\", mean = 1 }")
                             .tail("shift = { login = \"08:00\", logout = \"16:00\" }")
                             .text());
  CHECK(e.line == 2);
  CHECK(e.key == "tenants.a.call_types.c");
  CHECK_THAT(e.message, Contains("every agent group that takes \"c\" has a shift"));

  // With patience, waiting callers eventually leave: the run can end.
  auto patient = minimal_scenario{}
                     .head("calls = 1000")
                     .call_type("rate_per_hour = 10\n"
                                "talk = { dist = \"fixed\", mean = 1 }\n"
                                "patience = { dist = \"exponential\", mean = 60 }")
                     .tail("shift = { login = \"08:00\", logout = \"16:00\" }")
                     .text();
  CHECK(std::holds_alternative<scenario>(parse_scenario(patient, "ok.toml")));
}
