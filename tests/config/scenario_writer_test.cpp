// to_toml writes what the loader reads back into an equal scenario: every
// shipped scenario, and scenarios built in code that reach every corner of
// the format. What the format cannot say is refused, not approximated.
#include <algorithm>
#include "config/scenario_writer.hpp"

#include <charconv>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <stdexcept>

#include "config/scenario_loader.hpp"
#include "config/time_text.hpp"
#include "tests/config/loader_test_support.hpp"

using namespace ccsim;
using namespace ccsim::test;
using namespace std::chrono_literals;
using Catch::Contains;

namespace {

// -- field-by-field comparison ------------------------------------------------
// Each struct is unpacked with a structured binding that names every member:
// a field added to the domain later stops this file from compiling until the
// comparison covers it too. Doubles are compared with ==, exactly.

std::string shown(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}
std::string shown(sim_duration d) { return std::to_string(d.count()) + "ns"; }
std::string shown(const std::string& s) { return "\"" + s + "\""; }
std::string shown(bool b) { return b ? "true" : "false"; }
template <class T>
std::string shown(const T& v) {
  return std::to_string(v);
}

struct differences {
  std::vector<std::string> found;

  template <class T>
  void same(const std::string& path, const T& want, const T& got) {
    if (!(want == got)) found.push_back(path + ": wanted " + shown(want) + ", got " + shown(got));
  }
  template <class T>
  void same(const std::string& path, const std::optional<T>& want, const std::optional<T>& got) {
    if (want.has_value() != got.has_value()) {
      found.push_back(path + (want ? ": wanted a value, got none" : ": wanted none, got a value"));
      return;
    }
    if (want) same(path, *want, *got);
  }
  template <class T>
  void same(const std::string& path, const std::vector<T>& want, const std::vector<T>& got) {
    if (want.size() != got.size()) {
      found.push_back(path + ": wanted " + std::to_string(want.size()) + " entries, got " +
                      std::to_string(got.size()));
      return;
    }
    for (std::size_t i = 0; i < want.size(); ++i) same(path + "[" + std::to_string(i) + "]", want[i], got[i]);
  }

  void same(const std::string& path, const distribution& want, const distribution& got) {
    const auto& [kind, mean, sd, min] = want;
    same(path + ".kind", std::string{to_string(kind)}, std::string{to_string(got.kind)});
    same(path + ".mean", mean, got.mean);
    same(path + ".sd", sd, got.sd);
    same(path + ".min", min, got.min);
  }
  void same(const std::string& path, const rate_segment& want, const rate_segment& got) {
    const auto& [start, calls_per_hour] = want;
    same(path + ".start", start, got.start);
    same(path + ".calls_per_hour", calls_per_hour, got.calls_per_hour);
  }
  void same(const std::string& path, const arrival_profile& want, const arrival_profile& got) {
    const auto& [segments, period] = want;
    same(path + ".segments", segments, got.segments);
    same(path + ".period", period, got.period);
  }
  void same(const std::string& path, const call_type& want, const call_type& got) {
    const auto& [name, priority, arrivals, talk, wrap_up, patience, max_queue, max_wait] = want;
    same(path + ".name", name, got.name);
    same(path + ".priority", priority, got.priority);
    same(path + ".arrivals", arrivals, got.arrivals);
    same(path + ".talk", talk, got.talk);
    same(path + ".wrap_up", wrap_up, got.wrap_up);
    same(path + ".patience", patience, got.patience);
    same(path + ".max_queue", max_queue, got.max_queue);
    same(path + ".max_wait", max_wait, got.max_wait);
  }
  void same(const std::string& path, const break_period& want, const break_period& got) {
    const auto& [start, length, reason] = want;
    same(path + ".start", start, got.start);
    same(path + ".length", length, got.length);
    same(path + ".reason", reason, got.reason);
  }
  void same(const std::string& path, const shift& want, const shift& got) {
    const auto& [login, logout, breaks] = want;
    same(path + ".login", login, got.login);
    same(path + ".logout", logout, got.logout);
    same(path + ".breaks", breaks, got.breaks);
  }
  void same(const std::string& path, const agent_type& want, const agent_type& got) {
    const auto& [name, skills] = want;
    same(path + ".name", name, got.name);
    same(path + ".skills", skills, got.skills);
  }
  void same(const std::string& path, const agent_group& want, const agent_group& got) {
    const auto& [type, count, hours] = want;
    same(path + ".type", type, got.type);
    same(path + ".count", count, got.count);
    same(path + ".hours", hours, got.hours);
  }
  void same(const std::string& path, const tenant& want, const tenant& got) {
    const auto& [name, agent_types, call_types, agents, conversion, has_conversion, service_level_threshold,
                 service_level_target, idle, max_queue] = want;
    same(path + ".name", name, got.name);
    same(path + ".agent_types", agent_types, got.agent_types);
    same(path + ".call_types", call_types, got.call_types);
    same(path + ".agents", agents, got.agents);
    same(path + ".conversion", conversion, got.conversion);
    same(path + ".has_conversion", has_conversion, got.has_conversion);
    same(path + ".service_level_threshold", service_level_threshold, got.service_level_threshold);
    same(path + ".service_level_target", service_level_target, got.service_level_target);
    same(path + ".idle", std::string{to_string(idle)}, std::string{to_string(got.idle)});
    same(path + ".max_queue", max_queue, got.max_queue);
  }
  void same(const std::string& path, const scenario& want, const scenario& got) {
    const auto& [name, source_path, seed, start_of_day, horizon, calls, warmup, warmup_calls, live_session,
                 tenants] = want;
    same(path + "name", name, got.name);
    same(path + "source_path", source_path, got.source_path);
    same(path + "seed", seed, got.seed);
    same(path + "start_of_day", start_of_day, got.start_of_day);
    same(path + "horizon", horizon, got.horizon);
    same(path + "calls", calls, got.calls);
    same(path + "warmup", warmup, got.warmup);
    same(path + "warmup_calls", warmup_calls, got.warmup_calls);
    same(path + "live_session", live_session, got.live_session);
    same(path + "tenants", tenants, got.tenants);
  }
};

std::string differences_between(const scenario& want, const scenario& got) {
  differences d;
  d.same("", want, got);
  std::string out;
  for (auto& f : d.found) out += f + "\n";
  return out;
}

/// Writes, reads back, and checks that nothing changed; also that writing
/// the scenario read back gives the same text (one stable form).
void check_round_trip(const scenario& s) {
  auto text = to_toml(s);
  INFO("written:\n" << text);
  auto back = scenario_in(parse_scenario(text, "x"));
  CHECK(differences_between(s, back) == "");
  CHECK(to_toml(back) == text);
}

// -- scenarios built in code ----------------------------------------------------

distribution dist(distribution_kind kind, double mean, double sd = 0, double min = 0) {
  distribution d;
  d.kind = kind;
  d.mean = mean;
  d.sd = sd;
  d.min = min;
  return d;
}

call_type call(std::string name, double calls_per_hour = 60) {
  call_type c;
  c.name = std::move(name);
  c.arrivals = arrival_profile::constant(calls_per_hour);
  c.talk = dist(distribution_kind::exponential, 180);
  return c;
}

/// One call type "sales", one agent type "rep" taking it, five reps all day.
tenant small_tenant(std::string name) {
  tenant t;
  t.name = std::move(name);
  t.call_types.push_back(call("sales"));
  t.agent_types.push_back(agent_type{"rep", {0}});
  t.agents.push_back(agent_group{0, 5, std::nullopt});
  t.conversion = {{0.0}};
  return t;
}

scenario small_scenario() {
  scenario s;
  s.name = "built";
  s.horizon = 8h;
  s.tenants.push_back(small_tenant("acme"));
  return s;
}

arrival_profile profile(std::vector<rate_segment> segments, std::optional<sim_duration> period = std::nullopt) {
  arrival_profile p;
  p.segments = std::move(segments);
  p.period = period;
  REQUIRE(p.is_valid());
  return p;
}

call_type& first_call(scenario& s) { return s.tenants.at(0).call_types.at(0); }

} // namespace

TEST_CASE("every shipped scenario reads back equal after to_toml", "[config]") {
  int files = 0;
  for (auto& entry : std::filesystem::directory_iterator(source_dir() / "scenarios")) {
    if (entry.path().extension() != ".toml") continue;
    ++files;
    CAPTURE(entry.path().string());
    auto s = scenario_in(load_scenario(entry.path()));
    // The file it came from is not part of the scenario; parse_scenario has none.
    CHECK(s.source_path == entry.path().string());
    s.source_path.clear();
    check_round_trip(s);
  }
  CHECK(files >= 5);  // the loop did run
}

TEST_CASE("the written text is readable TOML with a section per tenant", "[config]") {
  auto s = small_scenario();
  s.seed = 7;
  s.start_of_day = 8h;
  s.warmup = 30min;
  s.tenants.push_back(small_tenant("acme corp"));
  auto& later = s.tenants[1];
  later.call_types[0].max_wait = 250ms;
  later.agents[0].hours = shift{0h, 6h, {break_period{2h, 15min, "coffee"}}};
  auto text = to_toml(s);
  INFO(text);
  CHECK(text.rfind("# written by ccsim\n", 0) == 0);
  CHECK_THAT(text, Contains("name = \"built\"\nseed = 7\nstart = \"08:00\"\nduration = \"8h\"\nwarmup = \"30m\"\n"));
  CHECK_THAT(text, Contains("\n[tenants.acme]\nservice_level_seconds = 20\nservice_level_target = 0.8\n"
                            "idle_policy = \"since_available\"\n"));
  CHECK_THAT(text, Contains("\n[tenants.acme.call_types.sales]\nrate_per_hour = 60\n"
                            "talk = { dist = \"exponential\", mean = 180 }\n"));
  CHECK_THAT(text, Contains("\n[tenants.acme.agent_types.rep]\nskills = [\"sales\"]\n"));
  CHECK_THAT(text, Contains("\n[[tenants.acme.agents]]\ntype = \"rep\"\ncount = 5\n"));
  CHECK_THAT(text, Contains("\n[tenants.\"acme corp\"]\n"));
  CHECK_THAT(text, Contains("max_wait = \"0.25s\"\n"));
  CHECK_THAT(text, Contains("shift = { login = \"08:00\", logout = \"14:00\", breaks = [\n"
                            "  { start = \"10:00\", length = \"15m\", reason = \"coffee\" },\n] }\n"));
  // Tenants in their order, each with its sections together.
  CHECK(text.find("[tenants.acme]") < text.find("[[tenants.acme.agents]]"));
  CHECK(text.find("[[tenants.acme.agents]]") < text.find("[tenants.\"acme corp\"]"));
  check_round_trip(s);
}

TEST_CASE("every distribution kind round-trips with exact parameters", "[config]") {
  auto s = small_scenario();
  auto& t = s.tenants[0];
  t.call_types.clear();
  const distribution kinds[] = {
      dist(distribution_kind::fixed, 0),
      dist(distribution_kind::fixed, 2.5),
      dist(distribution_kind::exponential, 0.1),
      dist(distribution_kind::exponential, 123.456789012),
      dist(distribution_kind::normal_truncated, 180, 180),            // min 0, left out
      dist(distribution_kind::normal_truncated, 300, 120, 60),
      dist(distribution_kind::normal_truncated, 1e-9, 0, 0),          // 1 ns
      dist(distribution_kind::normal_clamped, 20, 10, 5.000000001),
      dist(distribution_kind::lognormal, 150, 100),
      dist(distribution_kind::lognormal, 86400.0 * 100, 3600.25),    // 100 days
  };
  for (std::size_t i = 0; i < std::size(kinds); ++i) {
    auto c = call("c" + std::to_string(i));
    c.talk = kinds[i];
    c.wrap_up = kinds[(i + 3) % std::size(kinds)];
    if (i % 2) c.patience = kinds[(i + 5) % std::size(kinds)];
    t.call_types.push_back(c);
  }
  t.agent_types[0].skills.clear();
  for (std::size_t i = 0; i < std::size(kinds); ++i)
    t.agent_types[0].skills.push_back(static_cast<call_type_index>(i));
  t.conversion = {std::vector<double>(std::size(kinds), 0.0)};
  check_round_trip(s);

  auto text = to_toml(s);
  CHECK_THAT(text, Contains("talk = { dist = \"normal\", mean = 180, sd = 180 }"));
  CHECK_THAT(text, Contains("talk = { dist = \"normal\", mean = 300, sd = 120, min = 60 }"));
  CHECK_THAT(text, Contains("talk = { dist = \"normal_clamped\", mean = 20, sd = 10, min = \"5.000000001s\" }"));
  CHECK_THAT(text, Contains("talk = { dist = \"fixed\", mean = \"2.5s\" }"));
}

TEST_CASE("wrap-up is left out when it is fixed 0 and written otherwise", "[config]") {
  auto s = small_scenario();
  CHECK_THAT(to_toml(s), !Contains("wrap_up"));
  first_call(s).wrap_up = dist(distribution_kind::fixed, 30);
  CHECK_THAT(to_toml(s), Contains("wrap_up = { dist = \"fixed\", mean = 30 }"));
  check_round_trip(s);
}

TEST_CASE("arrival profiles of every form the file has round-trip", "[config]") {
  auto s = small_scenario();
  s.start_of_day = 6h;
  s.horizon = 48h;
  auto& t = s.tenants[0];
  t.call_types.clear();
  std::vector<arrival_profile> profiles = {
      arrival_profile::constant(300),
      arrival_profile::constant(1.0 / 3.0),
      // From 07:00: 10, 0 and 30.5 calls/h for half an hour each, then none.
      profile({{1h, 10}, {90min, 0}, {2h, 30.5}, {150min, 0}}),
      // From t = 0, one interval, then none.
      profile({{0h, 12}, {15min, 0}}),
      // Daily, closed before the day ends.
      profile({{0h, 5}, {1h, 10}, {2h, 0}}, 24h),
      // Daily, filling the day exactly: no closing segment.
      profile({{0h, 5}, {12h, 10}}, 24h),
      // Daily, one interval from 12:00 (t = 6h) to the end of the day.
      profile({{6h, 7.25}}, 24h),
      // Daily, closed with a 0 that the file lists itself.
      profile({{0h, 5}, {12h, 0}}, 24h),
      // Starts after midnight of the first day (an offset), and off the second.
      profile({{20h + 1ns, 1e-5}, {20h + 1ns + 45s, 123456.789}, {20h + 1ns + 90s, 0}}),
  };
  std::vector<rate_segment> long_day;  // 48 half hours: written over several lines
  for (int i = 0; i < 48; ++i) long_day.push_back({i * 30min, 10.0 + i * 0.5});
  profiles.push_back(profile(long_day, 24h));
  long_day.back().calls_per_hour = 0;  // now 47 rates and a closing 0
  profiles.push_back(profile(long_day));

  for (std::size_t i = 0; i < profiles.size(); ++i) {
    auto c = call("c" + std::to_string(i));
    c.arrivals = profiles[i];
    t.call_types.push_back(c);
  }
  t.agent_types[0].skills.clear();
  for (std::size_t i = 0; i < profiles.size(); ++i)
    t.agent_types[0].skills.push_back(static_cast<call_type_index>(i));
  t.conversion = {std::vector<double>(profiles.size(), 0.0)};
  check_round_trip(s);

  auto text = to_toml(s);
  CHECK_THAT(text, Contains("rate_per_hour = 300\n"));
  CHECK_THAT(text, Contains("arrivals = { interval = \"30m\", start = \"07:00\", rates_per_hour = [10, 0, 30.5] }"));
  CHECK_THAT(text, Contains("arrivals = { interval = \"12h\", repeat_daily = true, rates_per_hour = [5, 10] }"));
  CHECK_THAT(text, Contains("arrivals = { interval = \"18h\", start = \"12:00\", repeat_daily = true"));
  CHECK_THAT(text, Contains("start = \"+20h0.000000001s\""));
}

TEST_CASE("shifts with breaks round-trip, also past midnight and to the nanosecond", "[config]") {
  auto s = small_scenario();
  s.start_of_day = 16h;
  s.horizon = 30h;
  auto& t = s.tenants[0];
  t.agents = {
      agent_group{0, 3, shift{0h, 8h, {}}},  // 16:00 to 24:00
      agent_group{0, 2,
                  shift{2h, 14h,  // 18:00 to 06:00 the next day
                        {break_period{4h, 15min, "coffee"}, break_period{4h + 15min, 30min, "lunch"},
                         break_period{9h + 1ns, 1500ms, "micro"}}}},
      agent_group{0, 1, std::nullopt},
  };
  check_round_trip(s);
  auto text = to_toml(s);
  CHECK_THAT(text, Contains("shift = { login = \"16:00\", logout = \"24:00\" }"));
  CHECK_THAT(text, Contains("logout = \"+14h\""));
  CHECK_THAT(text, Contains("{ start = \"20:15\", length = \"30m\", reason = \"lunch\" }"));
}

TEST_CASE("the conversion matrix round-trips when present and when absent", "[config]") {
  auto s = small_scenario();
  auto& t = s.tenants[0];
  t.call_types.push_back(call("support", 30));
  t.call_types.push_back(call("retention", 5));
  t.agent_types = {agent_type{"senior", {0, 1, 2}}, agent_type{"junior", {1}}, agent_type{"closer", {0, 2}}};
  t.agents = {agent_group{0, 2, std::nullopt}, agent_group{1, 4, std::nullopt}, agent_group{2, 1, std::nullopt}};
  t.conversion = std::vector<std::vector<double>>(3, std::vector<double>(3, 0.0));
  t.has_conversion = false;
  check_round_trip(s);
  CHECK_THAT(to_toml(s), !Contains("conversion"));

  t.has_conversion = true;
  t.conversion = {{0.3, 0.05, 1.0 / 7.0}, {0.0, 0.02, 0.0}, {1, 0.0, 0.1 + 0.2}};
  check_round_trip(s);
  auto text = to_toml(s);
  CHECK_THAT(text, Contains("[tenants.acme.conversion]\nsenior = { sales = 0.3, support = 0.05, retention = "));
  CHECK_THAT(text, Contains("junior = { support = 0.02 }\ncloser = { sales = 1, retention = 0.30000000000000004 }"));

  // A skill with probability 0 is still a cell the matrix must have.
  t.conversion[1][1] = 0.0;
  check_round_trip(s);
}

TEST_CASE("queue limits, max_wait, patience, priorities and service levels round-trip", "[config]") {
  auto s = small_scenario();
  auto& t = s.tenants[0];
  t.max_queue = 50;
  t.service_level_threshold = 20500ms;
  t.service_level_target = 0.95;
  auto& c = t.call_types[0];
  c.priority = -1000;
  c.max_queue = std::numeric_limits<std::uint32_t>::max();
  c.max_wait = 1ns;
  c.patience = dist(distribution_kind::exponential, 120);
  auto other = call("other");
  other.priority = 1000;
  other.max_wait = 10min;
  t.call_types.push_back(other);  // no patience, no max_queue
  t.agent_types[0].skills = {0, 1};
  t.conversion = {{0.0, 0.0}};
  check_round_trip(s);

  t.max_queue.reset();
  t.service_level_target = 1;
  t.service_level_threshold = 1h;
  check_round_trip(s);
}

TEST_CASE("both idle policies round-trip", "[config]") {
  for (auto policy : {idle_policy::since_available, idle_policy::since_last_call}) {
    CAPTURE(to_string(policy));
    auto s = small_scenario();
    s.tenants[0].idle = policy;
    check_round_trip(s);
    CHECK_THAT(to_toml(s), Contains("idle_policy = \"" + std::string{to_string(policy)} + "\""));
  }
}

TEST_CASE("the run length and the warm-up round-trip in each form", "[config]") {
  auto s = small_scenario();
  SECTION("a horizon and a warm-up time") {
    s.horizon = 10h;
    s.warmup = 30min + 1ns;
  }
  SECTION("a call count alone and warm-up calls") {
    s.horizon.reset();
    s.calls = 1'000'000;
    s.warmup_calls = 10'000;
  }
  SECTION("both ends, and zero warm-up calls, which differs from none") {
    s.calls = 5000;
    s.warmup_calls = 0;
  }
  SECTION("the longest horizon, and one above 2^53 ns that a double holds") {
    s.horizon = max_config_duration;
    check_round_trip(s);
    s.horizon = 200 * 24h + 2ns;
    s.warmup = 199 * 24h + 4ns;
  }
  SECTION("extreme seeds, a sub-second start and the last second of the day") {
    s.seed = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    s.start_of_day = 7h + 30min + 15s + 1ns;
    // Clock times are read relative to the start: 08:30:15 is 1h - 1ns.
    s.tenants[0].agents[0].hours = shift{1h - 1ns, 2h, {}};
    check_round_trip(s);
    CHECK_THAT(to_toml(s), Contains("start = 07:30:15.000000001\n"));
    CHECK_THAT(to_toml(s), Contains("shift = { login = \"08:30:15\", logout = \"+2h\" }"));
    s.seed = 0;
    s.start_of_day = 24h - 1s;
  }
  check_round_trip(s);
}

TEST_CASE("names with quotes, backslashes, dots, spaces and unicode are quoted and escaped", "[config]") {
  const std::string names[] = {
      "say \"hi\"",   "back\\slash", "v1.2.3",       "acme corp",   "caf\xC3\xA9 \xE2\x98\x8E \xE6\x9D\xB1\xE4\xBA\xAC",
      "\xF0\x9F\x93\x9E emoji", "tab\there",   "new\nline",    "ctl\x01\x7F", "[brackets] = #hash",
      "'single'",     "tenants",     "-",            "\xC2\x85\xE2\x80\xA8\xEF\xBB\xBF\xF4\x8F\xBF\xBF",
  };
  auto s = small_scenario();
  s.name = names[0] + names[4];
  s.tenants.clear();
  for (std::size_t i = 0; i < std::size(names); ++i) {
    auto t = small_tenant(names[i]);
    t.call_types[0].name = names[(i + 1) % std::size(names)];
    t.agent_types[0].name = names[(i + 2) % std::size(names)];
    t.agents[0].hours = shift{1h, 2h, {break_period{1h, 1min, names[(i + 3) % std::size(names)]}}};
    t.has_conversion = true;
    t.conversion = {{0.5}};
    s.tenants.push_back(t);
  }
  check_round_trip(s);
  auto text = to_toml(s);
  CHECK_THAT(text, Contains("[tenants.\"say \\\"hi\\\"\"]"));
  CHECK_THAT(text, Contains("[tenants.\"back\\\\slash\"]"));
  CHECK_THAT(text, Contains("[tenants.\"v1.2.3\"]"));
  CHECK_THAT(text, Contains("[tenants.\"caf\xC3\xA9 \xE2\x98\x8E \xE6\x9D\xB1\xE4\xBA\xAC\"]"));  // UTF-8 kept as it is
  CHECK_THAT(text, Contains("[tenants.\"ctl\\u0001\\u007F\"]"));
  CHECK_THAT(text, Contains("[tenants.\"tab\\there\"]"));
  CHECK_THAT(text, Contains("[tenants.tenants]"));
  CHECK_THAT(text, Contains("[tenants.-]"));
}

TEST_CASE("a scenario that breaks a loader rule is written as it is and the loader reports it", "[config]") {
  auto s = small_scenario();
  s.tenants[0].agents[0].count = 0;
  s.warmup = 9h;  // not shorter than the 8 h horizon
  auto errors = errors_in(parse_scenario(to_toml(s), "x"));
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].key == "warmup");
  CHECK(errors[0].message == "must be shorter than duration (8h), got \"9h\"");
  CHECK(errors[1].key == "tenants.acme.agents[0].count");
  CHECK(errors[1].message == "must be > 0, got 0");
}

TEST_CASE("values the format cannot say make to_toml throw, naming the key", "[config]") {
  auto s = small_scenario();
  auto refused = [](const scenario& bad, const std::string& key) {
    CHECK_THROWS_AS(to_toml(bad), std::invalid_argument);
    CHECK_THROWS_WITH(to_toml(bad), Contains("to_toml: " + key + ": "));
  };
  SECTION("a period other than a day") {
    first_call(s).arrivals = profile({{0h, 5}, {1h, 0}}, 12h);
    refused(s, "tenants.acme.call_types.sales.arrivals");
  }
  SECTION("segments of unequal length") {
    first_call(s).arrivals = profile({{0h, 5}, {1h, 6}, {3h, 0}});
    refused(s, "tenants.acme.call_types.sales.arrivals");
  }
  SECTION("a last rate that never stops, on a profile starting after t = 0") {
    first_call(s).arrivals = profile({{1h, 5}});
    refused(s, "tenants.acme.call_types.sales.arrivals");
  }
  SECTION("a daily profile that neither closes nor fills the day") {
    first_call(s).arrivals = profile({{0h, 5}, {1h, 6}}, 24h);
    refused(s, "tenants.acme.call_types.sales.arrivals");
  }
  SECTION("no conversion matrix, but a non-zero cell") {
    s.tenants[0].conversion = {{0.5}};
    refused(s, "tenants.acme.conversion");
  }
  SECTION("a conversion cell for a call type the agent type does not take") {
    s.tenants[0].call_types.push_back(call("other"));
    s.tenants[0].agent_types.push_back(agent_type{"other_rep", {1}});
    s.tenants[0].agents.push_back(agent_group{1, 1, std::nullopt});
    s.tenants[0].has_conversion = true;
    s.tenants[0].conversion = {{0.5, 0.25}, {0.0, 0.5}};
    refused(s, "tenants.acme.conversion.rep.other");
  }
  SECTION("unsorted skills") {
    s.tenants[0].call_types.push_back(call("other"));
    s.tenants[0].agent_types[0].skills = {1, 0};
    s.tenants[0].conversion = {{0.0, 0.0}};
    refused(s, "tenants.acme.agent_types.rep.skills");
  }
  SECTION("a break before the scenario start") {
    s.tenants[0].agents[0].hours = shift{0h, 2h, {break_period{-1min, 5min, "early"}}};
    refused(s, "tenants.acme.agents[0].shift.breaks[0].start");
  }
  SECTION("a distribution parameter that is not a whole number of nanoseconds") {
    first_call(s).talk = dist(distribution_kind::exponential, 1.0 / 3.0);
    refused(s, "tenants.acme.call_types.sales.talk.mean");
  }
  SECTION("an sd on a kind that takes none") {
    first_call(s).talk = dist(distribution_kind::exponential, 180, 5);
    refused(s, "tenants.acme.call_types.sales.talk.sd");
  }
  SECTION("an odd nanosecond count above 2^53 ns") {
    s.horizon = 200 * 24h + 1ns;
    refused(s, "duration");
  }
  SECTION("a duration over 365 days") {
    s.horizon = max_config_duration + 1s;
    refused(s, "duration");
  }
  SECTION("a seed above the largest TOML integer") {
    s.seed = std::numeric_limits<std::uint64_t>::max();
    refused(s, "seed");
  }
  SECTION("a name that is not UTF-8") {
    s.tenants[0].call_types[0].name = "bad\xC3";
    refused(s, "tenants.acme.call_types.\"bad\xC3\"");
  }
}

TEST_CASE("a recorded live session round-trips: API-only call types, tenants without groups, no tenants", "[config]") {
  // What `ccsim serve` stores: tenants created through the API have call
  // types without generated traffic and agents that are not in any group.
  auto s = small_scenario();
  s.live_session = true;
  s.horizon = sim_duration{123456789012};
  auto api = small_tenant("api desk");
  api.call_types.push_back(call("billing", 0));
  first_call(s) = call("sales", 0);
  api.agents.clear();
  api.agent_types.push_back(agent_type{"biller", {1}});  // nobody staffs billing: fine for a session
  api.conversion = {{0.0, 0.0}, {0.0, 0.0}};
  s.tenants.push_back(api);
  auto text = to_toml(s);
  CHECK(text.find("session = \"live\"") != std::string::npos);
  CHECK(text.find("agents = []") != std::string::npos);
  check_round_trip(s);

  scenario empty;
  empty.name = "live";
  empty.live_session = true;
  empty.horizon = 1s;
  check_round_trip(empty);
}

TEST_CASE("the relaxed rules hold only in a live session", "[config]") {
  auto s = small_scenario();
  first_call(s) = call("sales", 0);
  s.tenants[0].agents.clear();
  // The same text without the session key: every relaxed rule is an error again.
  auto errors = errors_in(parse_scenario(to_toml(s), "x"));
  std::string all;
  for (auto& e : errors) all += e.message + "\n";
  INFO(all);
  CHECK(all.find("must be > 0") != std::string::npos);
  CHECK(all.find("a tenant needs at least one agent group") != std::string::npos);

  auto other = parse_scenario("name = \"x\"\nduration = \"1h\"\nsession = \"replay\"\n", "x.toml");
  auto bad = errors_in(std::move(other));
  auto it = std::find_if(bad.begin(), bad.end(), [](const config_error& e) { return e.key == "session"; });
  REQUIRE(it != bad.end());
  CHECK(it->line == 3);
  CHECK(it->message.find("the only session kind is \"live\"") != std::string::npos);
}

TEST_CASE("a live session ends at its duration: a call count is refused there", "[config]") {
  // Without this, agents = [] and no staffing rule would let calls wait for ever.
  auto bad = errors_in(parse_scenario("name = \"x\"\nsession = \"live\"\ncalls = 100\n", "x.toml"));
  auto it = std::find_if(bad.begin(), bad.end(), [](const config_error& e) { return e.key == "calls"; });
  REQUIRE(it != bad.end());
  CHECK(it->line == 3);
  CHECK(it->message.find("not with session = \"live\"") != std::string::npos);
  auto s = small_scenario();
  s.live_session = true;
  s.horizon.reset();
  s.calls = 100;
  CHECK_FALSE(errors_in(parse_scenario(to_toml(s), "x")).empty());
}
