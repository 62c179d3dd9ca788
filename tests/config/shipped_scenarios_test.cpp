// The scenarios shipped in scenarios/ load cleanly and say what their
// comments promise; and no mangled version of them can crash or hang the
// loader.
#include "config/scenario_loader.hpp"

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

#include "tests/config/loader_test_support.hpp"

using namespace ccsim;
using namespace ccsim::test;
using namespace std::chrono_literals;

namespace {

const char* const shipped[] = {"inbound_basic.toml", "multi_tenant.toml", "overload_abandon.toml",
                               "day_profile.toml", "bench_mmc.toml"};

std::filesystem::path scenario_path(std::string_view name) { return source_dir() / "scenarios" / name; }

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::uint32_t total_agents(const tenant& t) {
  std::uint32_t n = 0;
  for (auto& g : t.agents) n += g.count;
  return n;
}

} // namespace

TEST_CASE("every shipped scenario loads without error", "[config]") {
  for (auto& entry : std::filesystem::directory_iterator(source_dir() / "scenarios")) {
    if (entry.path().extension() != ".toml") continue;
    CAPTURE(entry.path().string());
    auto s = scenario_in(load_scenario(entry.path()));
    CHECK(s.name == entry.path().stem().string());
    for (auto& t : s.tenants)
      for (auto& c : t.call_types) CHECK(c.arrivals.is_valid());  // what the domain asserts on
  }
}

TEST_CASE("inbound_basic is an M/M/10 queue at rho 0.9", "[config]") {
  auto s = scenario_in(load_scenario(scenario_path("inbound_basic.toml")));
  CHECK(s.seed == 42);
  CHECK(s.horizon == 8h);
  CHECK(s.warmup == 30min);
  REQUIRE(s.tenants.size() == 1);
  auto& t = s.tenants[0];
  REQUIRE(t.call_types.size() == 1);
  REQUIRE(t.agent_types.size() == 1);
  CHECK(total_agents(t) == 10);
  auto& c = t.call_types[0];
  CHECK(c.arrivals.segments.at(0).calls_per_hour == 180);
  CHECK(c.talk.kind == distribution_kind::exponential);
  CHECK(c.talk.mean == 180);
  CHECK(c.wrap_up.mean == 0);
  CHECK_FALSE(c.patience);
}

TEST_CASE("multi_tenant has three tenants of four agent and four call types", "[config]") {
  auto s = scenario_in(load_scenario(scenario_path("multi_tenant.toml")));
  CHECK(s.horizon == 8h);
  CHECK(s.warmup == 30min);
  REQUIRE(s.tenants.size() == 3);
  for (auto& t : s.tenants) {
    CAPTURE(t.name);
    CHECK(t.call_types.size() == 4);
    CHECK(t.agent_types.size() == 4);
    CHECK(t.has_conversion);
    // The all-rounder comes first and converts 30/20/10/5 %.
    CHECK(t.agent_types[0].skills.size() == 4);
    CHECK(t.conversion[0] == std::vector<double>{0.30, 0.20, 0.10, 0.05});
    for (auto& c : t.call_types) {
      CHECK(c.talk.kind == distribution_kind::normal_truncated);
      CHECK(c.talk.mean == 180);
      CHECK(c.talk.sd == 180);
      CHECK(c.talk.min == 0);
      CHECK(c.patience);
    }
  }
}

TEST_CASE("overload_abandon offers more than its agents can take", "[config]") {
  auto s = scenario_in(load_scenario(scenario_path("overload_abandon.toml")));
  CHECK(s.horizon == 4h);
  auto& t = s.tenants.at(0);
  auto& c = t.call_types.at(0);
  double offered_erlangs = c.arrivals.segments.at(0).calls_per_hour / 3600.0 * c.talk.mean;
  CHECK(offered_erlangs > total_agents(t));
  REQUIRE(c.patience);
  CHECK(c.patience->kind == distribution_kind::exponential);
  CHECK(c.max_queue);
  CHECK(c.max_wait);
}

TEST_CASE("day_profile follows a 07:00-19:00 day with shifts and breaks", "[config]") {
  auto s = scenario_in(load_scenario(scenario_path("day_profile.toml")));
  CHECK(s.start_of_day == 7h);
  CHECK(s.horizon == 12h);
  auto& t = s.tenants.at(0);
  CHECK(t.idle == idle_policy::since_last_call);
  REQUIRE(t.call_types.size() == 2);
  CHECK(t.call_types[0].priority != t.call_types[1].priority);
  auto& p = t.call_types[0].arrivals;
  CHECK(p.segments.size() == 25);  // 24 half hours and the closing 0
  CHECK(p.segments.back().start == 12h);
  for (auto& g : t.agents) CHECK(g.hours);
  CHECK(t.agents.size() >= 3);
}

TEST_CASE("bench_mmc runs by call count after a call-count warmup", "[config]") {
  auto s = scenario_in(load_scenario(scenario_path("bench_mmc.toml")));
  CHECK_FALSE(s.horizon);
  CHECK(s.calls == 1000000u);
  CHECK(s.warmup_calls == 10000u);
  auto& t = s.tenants.at(0);
  CHECK(total_agents(t) == 50);
  auto& c = t.call_types.at(0);
  CHECK(c.arrivals.segments.at(0).calls_per_hour == 900);
  CHECK(c.talk.kind == distribution_kind::exponential);
  CHECK(c.talk.mean == 180);
  CHECK_FALSE(c.patience);
}

TEST_CASE("the annotated example in docs/scenario.md loads", "[config]") {
  auto doc = read_text(source_dir() / "docs" / "scenario.md");
  auto section = doc.find("## A complete annotated example");
  REQUIRE(section != std::string::npos);
  auto begin = doc.find("```toml\n", section);
  REQUIRE(begin != std::string::npos);
  begin += 8;
  auto end = doc.find("```", begin);
  REQUIRE(end != std::string::npos);
  auto s = scenario_in(parse_scenario(doc.substr(begin, end - begin), "docs/scenario.md"));
  CHECK(s.name == "example");
  CHECK(s.tenants.at(0).agents.size() == 2);
}

TEST_CASE("mangled versions of the shipped scenarios give errors or a scenario, never a crash", "[config]") {
  // std::mt19937_64's output is fixed by the standard: the same cases everywhere.
  std::mt19937_64 gen(20240601);
  for (auto name : shipped) {
    CAPTURE(name);
    const auto original = read_text(scenario_path(name));
    REQUIRE_FALSE(original.empty());
    auto lines_in = [](const std::string& s) { return static_cast<std::uint32_t>(std::count(s.begin(), s.end(), '\n')) + 1; };
    auto check = [&](const std::string& text) {
      auto result = parse_scenario(text, name);
      if (auto* errors = std::get_if<std::vector<config_error>>(&result)) {
        REQUIRE_FALSE(errors->empty());
        for (auto& e : *errors) {
          REQUIRE_FALSE(e.message.empty());
          REQUIRE(e.line <= lines_in(text) + 1);
        }
      }
    };
    std::uniform_int_distribution<std::size_t> pos(0, original.size() - 1);
    std::uniform_int_distribution<int> byte(0, 255);
    const std::string interesting = "=[]{}\",.#\n 0-+:";
    std::uniform_int_distribution<std::size_t> pick(0, interesting.size() - 1);
    for (std::size_t cut = 0; cut < original.size(); cut += 7) check(original.substr(0, cut));
    for (int i = 0; i < 300; ++i) {
      auto text = original;
      for (int flips = 1 + i % 4; flips > 0; --flips)
        text[pos(gen)] = static_cast<char>(i % 2 ? byte(gen) : interesting[pick(gen)]);
      check(text);
    }
    for (int i = 0; i < 100; ++i) {  // whole lines dropped or doubled
      std::istringstream in(original);
      std::string line, text;
      while (std::getline(in, line)) {
        auto roll = gen() % 20;
        if (roll == 0) continue;
        text += line + "\n";
        if (roll == 1) text += line + "\n";
      }
      check(text);
    }
  }
}
