#include "config/tenant_reader.hpp"

#include <algorithm>
#include <limits>

#include "config/agent_reader.hpp"
#include "config/call_type_reader.hpp"
#include "config/conversion_reader.hpp"
#include "config/did_you_mean.hpp"

namespace ccsim::config_detail {

namespace {

// Call and agent types are indexed by 16-bit integers (domain/ids.hpp).
constexpr std::size_t max_types = std::numeric_limits<std::uint16_t>::max();

void read_service_level(reader& r, const toml::table& t, const std::string& p, tenant& out) {
  if (auto sl = r.duration(t, "service_level_seconds", p, need::optional)) {
    if (sl->value <= sim_duration::zero())
      r.reject(*sl, "must be > 0");
    else
      out.service_level_threshold = sl->value;
  }
  if (auto target = r.number(t, "service_level_target", p, need::optional)) {
    if (target->value <= 0 || target->value > 1)
      r.reject(*target, "must be a share in (0, 1], such as 0.8");
    else
      out.service_level_target = target->value;
  }
  if (auto policy = r.string(t, "idle_policy", p, need::optional)) {
    if (policy->value == "since_available")
      out.idle = idle_policy::since_available;
    else if (policy->value == "since_last_call")
      out.idle = idle_policy::since_last_call;
    else
      r.error(*policy->node, policy->path,
              unknown_name_message("idle policy", policy->value, {"since_available", "since_last_call"}));
  }
  if (auto q = r.integer(t, "max_queue", p, need::optional))
    out.max_queue = r.count(*q, std::numeric_limits<std::uint32_t>::max());
}

/// The named tables under `key` (call_types, agent_types) in file order;
/// an absent or empty one is reported because a tenant needs at least one.
std::vector<entry> named_tables(reader& r, const toml::table& t, const std::string& p, std::string_view key,
                                std::string_view example) {
  auto* sub = t.get(key);
  if (!sub) {
    r.missing(t, p, key, "a tenant needs at least one, as in [" + key_path(key_path(p, key), example) + "]");
    return {};
  }
  auto sub_path = key_path(p, key);
  auto* table = sub->as_table();
  if (!table) {
    r.wrong_type(*sub, sub_path, "a table of named entries");
    return {};
  }
  if (table->empty()) r.error(*table, sub_path, "a tenant needs at least one entry here");
  auto entries = r.in_file_order(*table, sub_path);
  if (entries.size() > max_types) {
    r.error(*table, sub_path, "too many entries (at most " + std::to_string(max_types) + ")");
    entries.resize(max_types);
  }
  for (auto& e : entries)
    if (e.name.empty()) r.error(e.key->source(), e.path, "a name must not be empty");
  return entries;
}

/// The [[tenants.NAME.agents]] groups; false if any group's type is unusable.
bool read_agent_groups(reader& r, const toml::table& t, const std::string& p,
                       const std::vector<std::string_view>& agent_names, run_end end, tenant& out) {
  auto agents_path = key_path(p, "agents");
  auto* agents = t.get("agents");
  if (!agents) {
    r.missing(t, p, "agents", "a tenant needs at least one agent group, as in [[" + agents_path + "]]");
    return true;
  }
  auto* list = agents->as_array();
  if (!list) {
    r.wrong_type(*agents, agents_path, "an array of tables ([[" + agents_path + "]])");
    return false;
  }
  if (list->empty() && !end.live_session) r.error(*list, agents_path, "a tenant needs at least one agent group");
  bool types_ok = true;
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto read = read_agent_group(r, *list->get(i), index_path(agents_path, i), agent_names);
    if (read.type_ok)
      out.agents.push_back(std::move(read.group));
    else
      types_ok = false;
  }
  return types_ok;
}

/// Every call type must reach an agent who can take it; with a call-count
/// end the calls must also be able to leave after the shifts are over.
void check_coverage(reader& r, const tenant& t, const std::vector<entry>& call_entries, run_end end) {
  for (std::size_t c = 0; c < t.call_types.size(); ++c) {
    bool staffed = false, staffed_always = false;
    std::string unstaffed_types;
    for (auto& g : t.agents) {
      auto& skills = t.agent_types[g.type].skills;
      if (std::find(skills.begin(), skills.end(), c) == skills.end()) continue;
      staffed = true;
      staffed_always = staffed_always || !g.hours;
    }
    auto& call = t.call_types[c];
    if (!staffed) {
      for (auto& a : t.agent_types)
        if (std::find(a.skills.begin(), a.skills.end(), c) != a.skills.end())
          unstaffed_types += (unstaffed_types.empty() ? "" : ", ") + a.name;
      r.error(call_entries[c].key->source(), call_entries[c].path,
              "no agent can take calls of type \"" + call.name + "\": " +
                  (unstaffed_types.empty() ? "no agent type has this skill"
                                           : "the agent types with this skill (" + unstaffed_types +
                                                 ") have no agents"));
    } else if (end.by_calls_only && !staffed_always && !call.patience && !call.max_wait) {
      r.error(call_entries[c].key->source(), call_entries[c].path,
              "the run has no duration, but every agent group that takes \"" + call.name +
                  "\" has a shift: calls arriving after the last logout would wait for ever; add a group "
                  "without a shift, give these calls patience or max_wait, or set duration");
    }
  }
}

} // namespace

tenant read_tenant(reader& r, const entry& e, run_end end) {
  tenant out;
  out.name = std::string{e.name};
  if (e.name.empty()) r.error(e.key->source(), e.path, "a name must not be empty");
  auto* t = e.node->as_table();
  if (!t) {
    r.wrong_type(*e.node, e.path, "a table ([" + e.path + "])");
    return out;
  }
  const auto& p = e.path;
  auto errors_before = r.error_count();
  r.check_keys(*t, p,
               {"service_level_seconds", "service_level_target", "idle_policy", "max_queue", "call_types",
                "agent_types", "agents", "conversion"});
  read_service_level(r, *t, p, out);

  // Call types first: agent types and the matrix refer to them by name.
  auto call_entries = named_tables(r, *t, p, "call_types", "sales");
  bool any_unending = false;
  for (auto& ce : call_entries) {
    auto read = read_call_type(r, ce, end.live_session);
    any_unending = any_unending || read.arrivals_unending;
    out.call_types.push_back(std::move(read.type));
  }
  std::vector<std::string_view> call_names;
  for (auto& c : out.call_types) call_names.push_back(c.name);

  bool references_ok = true;
  for (auto& ae : named_tables(r, *t, p, "agent_types", "rep")) {
    auto read = read_agent_type(r, ae, call_names);
    references_ok = references_ok && read.references_ok;
    out.agent_types.push_back(std::move(read.type));
  }
  std::vector<std::string_view> agent_names;
  for (auto& a : out.agent_types) agent_names.push_back(a.name);

  references_ok = read_agent_groups(r, *t, p, agent_names, end, out) && references_ok;

  if (auto* conv = r.table(*t, "conversion", p, need::optional))
    read_conversion(r, *conv, key_path(p, "conversion"), out);
  else
    out.conversion.assign(out.agent_types.size(), std::vector<double>(out.call_types.size(), 0.0));

  if (references_ok && !end.live_session) check_coverage(r, out, call_entries, end);
  // Only judged on an otherwise sound tenant: a broken profile would read as "ends".
  if (end.by_calls_only && !any_unending && !call_entries.empty() && r.error_count() == errors_before)
    r.error(e.key->source(), p,
            "the run has no duration and ends by call count, but every call type of this tenant has an "
            "arrival profile that ends; set repeat_daily = true on one, or set duration");
  return out;
}

} // namespace ccsim::config_detail
