#include "domain/agent_state.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <utility>

#include "domain/event.hpp"
#include "domain/scenario.hpp"

using namespace ccsim;

namespace {

agent_state state(int i) { return static_cast<agent_state>(i); }

} // namespace

TEST_CASE("every agent state has a distinct name that reads back", "[domain]") {
  std::set<std::string> names;
  for (int i = 0; i < agent_state_count; ++i) {
    CAPTURE(i);
    auto name = to_string(state(i));
    CHECK(name != "?");
    CHECK_FALSE(name.empty());
    names.emplace(name);
    CHECK(agent_state_from_string(name) == state(i));
  }
  CHECK(names.size() == static_cast<std::size_t>(agent_state_count));
  CHECK(to_string(agent_state::on_break) == "break");
  CHECK(to_string(agent_state::wrap_up) == "wrap_up");
  CHECK_FALSE(agent_state_from_string("on_break").has_value());
  CHECK_FALSE(agent_state_from_string("").has_value());
}

TEST_CASE("every event kind, reject reason and qualification has a distinct name", "[domain]") {
  std::set<std::string> kinds;
  for (int i = 0; i < event_kind_count; ++i) {
    CAPTURE(i);
    auto name = to_string(static_cast<event_kind>(i));
    CHECK(name != "?");
    kinds.emplace(name);
  }
  CHECK(kinds.size() == static_cast<std::size_t>(event_kind_count));

  std::set<std::string> reasons;
  for (int i = 0; i < reject_reason_count; ++i) {
    CAPTURE(i);
    auto name = to_string(static_cast<reject_reason>(i));
    CHECK(name != "?");
    reasons.emplace(name);
  }
  CHECK(reasons.size() == static_cast<std::size_t>(reject_reason_count));

  CHECK(to_string(qualification::none) == "none");
  CHECK(to_string(qualification::ok) == "ok");
  CHECK(to_string(qualification::ko) == "ko");
}

TEST_CASE("only the transitions of the agent state machine are legal", "[domain]") {
  using enum agent_state;
  // The complete table: everything not listed here must be refused.
  const std::set<std::pair<agent_state, agent_state>> legal{
    {offline, available},
    {available, reserved},  {available, on_break}, {available, offline},
    {reserved, on_call},    {reserved, available},
    {on_call, wrap_up},     {on_call, available},  {on_call, on_break}, {on_call, offline},
    {wrap_up, available},   {wrap_up, on_break},   {wrap_up, offline},
    {on_break, available},  {on_break, offline},
  };
  int legal_seen = 0;
  for (int f = 0; f < agent_state_count; ++f) {
    for (int t = 0; t < agent_state_count; ++t) {
      auto from = state(f), to = state(t);
      CAPTURE(to_string(from), to_string(to));
      bool expected = legal.count({from, to}) != 0;
      CHECK(is_legal_transition(from, to) == expected);
      legal_seen += expected ? 1 : 0;
    }
  }
  CHECK(legal_seen == static_cast<int>(legal.size()));
}

TEST_CASE("an agent cannot skip the reservation or stay in the same state", "[domain]") {
  using enum agent_state;
  CHECK_FALSE(is_legal_transition(available, on_call));  // always reserved first
  CHECK_FALSE(is_legal_transition(offline, on_call));
  CHECK_FALSE(is_legal_transition(offline, on_break));
  CHECK_FALSE(is_legal_transition(on_break, reserved));  // a break ends before new work
  CHECK_FALSE(is_legal_transition(reserved, on_break));  // the call is refused instead
  CHECK_FALSE(is_legal_transition(wrap_up, on_call));
  for (int i = 0; i < agent_state_count; ++i) {
    CAPTURE(i);
    CHECK_FALSE(is_legal_transition(state(i), state(i)));
  }
}

TEST_CASE("busy means reserved, on a call or in wrap-up, and breaks are logged in but not busy",
          "[domain]") {
  using enum agent_state;
  CHECK(is_busy(reserved));
  CHECK(is_busy(on_call));
  CHECK(is_busy(wrap_up));
  CHECK_FALSE(is_busy(available));
  CHECK_FALSE(is_busy(on_break));
  CHECK_FALSE(is_busy(offline));
  for (int i = 0; i < agent_state_count; ++i) {
    CAPTURE(i);
    CHECK(is_logged_in(state(i)) == (state(i) != offline));
  }
}

TEST_CASE("both idle policies have the names the scenario format uses", "[domain]") {
  CHECK(ccsim::to_string(ccsim::idle_policy::since_available) == "since_available");
  CHECK(ccsim::to_string(ccsim::idle_policy::since_last_call) == "since_last_call");
}
