#pragma once
// The text of the smallest scenario the loader accepts, for the config tests
// that change one part of it and check what the loader says. A test spells
// out only the part it is about; the rest is the same everywhere.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ccsim::test {

/// Builds the text part by part. Each part is replaced whole and the parts
/// are joined by newlines in this order; with every default the lines are
///
///   1  duration = "1h"                        head
///   2  [tenants.a.call_types.c]
///   3  rate_per_hour = 1                      call_type (the body)
///   4  talk = { dist = "fixed", mean = 1 }
///      ...                                    extra_call_type sections
///   5  [tenants.a.agent_types.t]
///   6  skills = ["c"]                         agent_type (the body)
///      ...                                    extra_agent_type sections
///   7  [[tenants.a.agents]]                   (left out by without_agents)
///   8  type = "t"                             agents (the group's body)
///   9  count = 1
///      ...                                    tail (nothing)
///
/// and the text ends with a newline. A part of n lines moves the lines after
/// it by n minus its default length, so a test's expected line numbers follow
/// from the parts it sets.
class minimal_scenario {
public:
  /// Top-level keys (and anything else that comes first).
  minimal_scenario& head(std::string lines) {
    head_ = std::move(lines);
    return *this;
  }
  /// The tenant, call type and agent type, as TOML keys (quote them yourself:
  /// "\"acme corp\""). The default skills and group type follow the names.
  minimal_scenario& names(std::string tenant, std::string call_type, std::string agent_type) {
    tenant_ = std::move(tenant);
    call_name_ = std::move(call_type);
    agent_name_ = std::move(agent_type);
    return *this;
  }
  minimal_scenario& call_type(std::string body) {
    call_body_ = std::move(body);
    return *this;
  }
  /// Another call type after the first, by default with the first's default body.
  minimal_scenario& extra_call_type(std::string name, std::string body = default_call_body) {
    extra_calls_.emplace_back(std::move(name), std::move(body));
    return *this;
  }
  minimal_scenario& agent_type(std::string body) {
    agent_body_ = std::move(body);
    return *this;
  }
  minimal_scenario& extra_agent_type(std::string name, std::string body) {
    extra_agents_.emplace_back(std::move(name), std::move(body));
    return *this;
  }
  minimal_scenario& agents(std::string body) {
    agents_body_ = std::move(body);
    return *this;
  }
  /// No [[agents]] group, for a test that writes its own elsewhere.
  minimal_scenario& without_agents() {
    with_agents_ = false;
    return *this;
  }
  /// Lines after everything else (still inside the agent group's table).
  minimal_scenario& tail(std::string lines) {
    tail_ = std::move(lines);
    return *this;
  }

  std::string text() const {
    const std::string tenant = "tenants." + tenant_;
    std::string out = head_ + "\n";
    auto section = [&](const std::string& header, const std::string& body) {
      out += header + "\n" + body + "\n";
    };
    section("[" + tenant + ".call_types." + call_name_ + "]", call_body_);
    for (auto& [name, body] : extra_calls_) section("[" + tenant + ".call_types." + name + "]", body);
    section("[" + tenant + ".agent_types." + agent_name_ + "]",
            agent_body_ ? *agent_body_ : "skills = [\"" + call_name_ + "\"]");
    for (auto& [name, body] : extra_agents_) section("[" + tenant + ".agent_types." + name + "]", body);
    if (with_agents_)
      section("[[" + tenant + ".agents]]", agents_body_ ? *agents_body_ : "type = \"" + agent_name_ + "\"\ncount = 1");
    if (!tail_.empty()) out += tail_ + "\n";
    return out;
  }

  static inline const std::string default_call_body = "rate_per_hour = 1\ntalk = { dist = \"fixed\", mean = 1 }";

private:
  std::string head_ = "duration = \"1h\"";
  std::string tenant_ = "a";
  std::string call_name_ = "c";
  std::string agent_name_ = "t";
  std::string call_body_ = default_call_body;
  std::vector<std::pair<std::string, std::string>> extra_calls_;
  std::optional<std::string> agent_body_;
  std::vector<std::pair<std::string, std::string>> extra_agents_;
  bool with_agents_ = true;
  std::optional<std::string> agents_body_;
  std::string tail_;
};

} // namespace ccsim::test
