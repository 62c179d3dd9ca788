#pragma once
// Helpers for tests that drive the live engine from a test thread: a small
// tenant definition, waiting for an asynchronous command's answer, and
// polling the views (they follow the event stream asynchronously).
#include <chrono>
#include <cstdint>
#include <future>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "live/engine.hpp"

namespace ccsim::test {

/// One call type "sales" (talk fixed 60 s), one agent type "rep" taking it,
/// and `agents` reps logged in from the start (no group when 0).
inline tenant small_tenant(std::string name, std::uint32_t agents = 0) {
  tenant t;
  t.name = std::move(name);
  call_type sales;
  sales.name = "sales";
  sales.talk = {distribution_kind::fixed, 60, 0, 0};
  t.call_types.push_back(sales);
  agent_type rep;
  rep.name = "rep";
  rep.skills = {0};
  t.agent_types.push_back(rep);
  if (agents > 0) t.agents.push_back(agent_group{0, agents, std::nullopt});
  t.conversion = {{0.0}};
  return t;
}

/// Runs an async engine command and waits (in the test only) for its answer.
template <class T, class F>
live::result<T> wait_for(F&& start) {
  std::promise<live::result<T>> p;
  auto f = p.get_future();
  start([&p](live::result<T> r) { p.set_value(std::move(r)); });
  REQUIRE(f.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
  return f.get();
}

/// The value of a result, or the test fails with the error.
template <class T>
const T& ok(const live::result<T>& r) {
  if (auto* e = std::get_if<live::api_error>(&r)) FAIL(e->code + ": " + e->detail);
  return std::get<T>(r);
}

/// Polls `pred` every 10 ms until true or 5 s passed.
template <class Pred>
bool eventually(Pred pred) {
  for (int i = 0; i < 500; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return pred();
}

} // namespace ccsim::test
