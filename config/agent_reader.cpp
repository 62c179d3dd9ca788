#include "config/agent_reader.hpp"

#include <algorithm>

#include "config/did_you_mean.hpp"
#include "config/shift_reader.hpp"

namespace ccsim::config_detail {

agent_type_read read_agent_type(reader& r, const entry& e,
                                const std::vector<std::string_view>& call_type_names) {
  agent_type_read out;
  out.type.name = std::string{e.name};
  auto* t = e.node->as_table();
  if (!t) {
    r.wrong_type(*e.node, e.path, "a table such as { skills = [\"sales\"] }");
    out.references_ok = false;
    return out;
  }
  r.check_keys(*t, e.path, {"skills"});
  // Without readable skills, the staffing check would only repeat this error.
  auto* skills = r.array(*t, "skills", e.path, need::required);
  out.references_ok = skills && !skills->empty();
  if (!skills) return out;
  auto skills_path = key_path(e.path, "skills");
  if (skills->empty()) {
    r.error(*skills, skills_path, "must name at least one call type");
    return out;
  }
  for (std::size_t i = 0; i < skills->size(); ++i) {
    auto& node = *skills->get(i);
    auto element_path = index_path(skills_path, i);
    auto name = r.string_of(node, element_path);
    if (!name) {
      out.references_ok = false;
      continue;
    }
    auto it = std::find(call_type_names.begin(), call_type_names.end(), *name);
    if (it == call_type_names.end()) {
      r.error(node, element_path, unknown_name_message("call type", *name, call_type_names));
      out.references_ok = false;
      continue;
    }
    auto index = static_cast<call_type_index>(it - call_type_names.begin());
    if (std::find(out.type.skills.begin(), out.type.skills.end(), index) != out.type.skills.end()) {
      r.error(node, element_path, "skill \"" + *name + "\" is listed twice");
      continue;
    }
    out.type.skills.push_back(index);
  }
  std::sort(out.type.skills.begin(), out.type.skills.end());
  return out;
}

agent_group_read read_agent_group(reader& r, const toml::node& n, const std::string& p,
                                  const std::vector<std::string_view>& agent_type_names) {
  agent_group_read out;
  auto* t = n.as_table();
  if (!t) {
    r.wrong_type(n, p, "a table such as { type = \"rep\", count = 10 }");
    return out;
  }
  r.check_keys(*t, p, {"type", "count", "shift"});
  if (auto type = r.string(*t, "type", p, need::required)) {
    auto it = std::find(agent_type_names.begin(), agent_type_names.end(), type->value);
    if (it == agent_type_names.end()) {
      r.error(*type->node, type->path, unknown_name_message("agent type", type->value, agent_type_names));
    } else {
      out.group.type = static_cast<agent_type_index>(it - agent_type_names.begin());
      out.type_ok = true;
    }
  }
  if (auto count = r.integer(*t, "count", p, need::required))
    out.group.count = r.count(*count, max_group_size).value_or(0);
  if (auto* s = r.table(*t, "shift", p, need::optional)) out.group.hours = read_shift(r, *s, key_path(p, "shift"));
  return out;
}

} // namespace ccsim::config_detail
