#include "config/conversion_reader.hpp"

#include <algorithm>

#include "config/did_you_mean.hpp"

namespace ccsim::config_detail {

namespace {

bool has_skill(const agent_type& a, std::size_t call_type) {
  return std::find(a.skills.begin(), a.skills.end(), call_type) != a.skills.end();
}

std::string skill_list(const tenant& t, const agent_type& a) {
  std::string out;
  for (auto c : a.skills) out += (out.empty() ? "" : ", ") + t.call_types[c].name;
  return out;
}

} // namespace

void read_conversion(reader& r, const toml::table& table, const std::string& p, tenant& t) {
  std::vector<std::string_view> agent_names, call_names;
  for (auto& a : t.agent_types) agent_names.push_back(a.name);
  for (auto& c : t.call_types) call_names.push_back(c.name);
  t.conversion.assign(t.agent_types.size(), std::vector<double>(t.call_types.size(), 0.0));
  t.has_conversion = true;

  std::vector<const toml::table*> rows(t.agent_types.size(), nullptr);
  for (auto& row : r.in_file_order(table, p)) {
    auto a_it = std::find(agent_names.begin(), agent_names.end(), row.name);
    if (a_it == agent_names.end()) {
      r.error(row.key->source(), row.path, unknown_name_message("agent type", row.name, agent_names));
      continue;
    }
    auto a = static_cast<std::size_t>(a_it - agent_names.begin());
    auto* cells = row.node->as_table();
    if (!cells) {
      r.wrong_type(*row.node, row.path, "a table of probabilities such as { sales = 0.3 }");
      continue;
    }
    rows[a] = cells;
    for (auto& cell : r.in_file_order(*cells, row.path)) {
      auto c_it = std::find(call_names.begin(), call_names.end(), cell.name);
      if (c_it == call_names.end()) {
        r.error(cell.key->source(), cell.path, unknown_name_message("call type", cell.name, call_names));
        continue;
      }
      auto c = static_cast<std::size_t>(c_it - call_names.begin());
      if (!has_skill(t.agent_types[a], c)) {
        r.error(cell.key->source(), cell.path,
                "agent type \"" + t.agent_types[a].name + "\" has no skill \"" + std::string{cell.name} +
                    "\", so it never takes these calls; remove this cell (or add the skill)");
        continue;
      }
      auto v = r.number_of(*cell.node, cell.path);
      if (!v) continue;
      if (*v < 0 || *v > 1) {
        r.error(*cell.node, cell.path, "must be a probability between 0 and 1, got " + reader::shown(*cell.node));
        continue;
      }
      t.conversion[a][c] = *v;
    }
  }

  for (std::size_t a = 0; a < t.agent_types.size(); ++a) {
    auto& type = t.agent_types[a];
    if (type.skills.empty()) continue;  // already reported with the skills
    if (!rows[a]) {
      r.error(table, key_path(p, type.name),
              "missing row for agent type \"" + type.name + "\": the matrix needs a probability for each of its skills (" +
                  skill_list(t, type) + ")");
      continue;
    }
    for (auto c : type.skills) {
      if (!rows[a]->contains(t.call_types[c].name))
        r.error(*rows[a], key_path(key_path(p, type.name), t.call_types[c].name),
                "missing cell: agent type \"" + type.name + "\" takes call type \"" + t.call_types[c].name +
                    "\", so the matrix needs its probability");
    }
  }
}

} // namespace ccsim::config_detail
