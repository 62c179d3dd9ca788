#include "web/tenant_json.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "web/json_input.hpp"

namespace ccsim::web {

namespace json = boost::json;

namespace {

constexpr std::size_t max_types = std::numeric_limits<std::uint16_t>::max();
constexpr double max_truncation_sds = 6.0;  // as config/: far tails make sampling pointless

struct kind_name {
  std::string_view name;
  distribution_kind kind;
};
// Same names as scenario files: "normal" is the truncated normal.
constexpr kind_name kinds[] = {
    {"fixed", distribution_kind::fixed},
    {"exponential", distribution_kind::exponential},
    {"normal", distribution_kind::normal_truncated},
    {"normal_clamped", distribution_kind::normal_clamped},
    {"lognormal", distribution_kind::lognormal},
};

std::string number_text(double v) {
  auto s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::optional<distribution> read_distribution(object_reader& parent, std::string_view key, bool required,
                                              problems& out) {
  auto* o = parent.object(key, required);
  if (!o) return std::nullopt;
  object_reader r{*o, parent.at(key), out};
  r.only({"dist", "mean", "sd", "min"});
  auto before = out.size();
  std::optional<distribution_kind> kind;
  if (auto d = r.string("dist", true)) {
    for (auto& k : kinds)
      if (k.name == *d) kind = k.kind;
    if (!kind)
      out.invalid(r.at("dist"),
                  "unknown distribution \"" + *d + "\" (known: fixed, exponential, normal, normal_clamped, lognormal)");
  }
  auto mean = r.number("mean", true);
  auto sd = r.number("sd", false);
  auto min = r.number("min", false);
  if (!kind) return std::nullopt;
  distribution result;
  result.kind = *kind;
  bool uses_sd = *kind == distribution_kind::normal_truncated || *kind == distribution_kind::normal_clamped ||
                 *kind == distribution_kind::lognormal;
  bool uses_min = *kind == distribution_kind::normal_truncated || *kind == distribution_kind::normal_clamped;
  if (mean) {
    result.mean = *mean;
    if (*kind == distribution_kind::fixed ? *mean < 0 : *mean <= 0)
      out.invalid(r.at("mean"), std::string{"must be "} + (*kind == distribution_kind::fixed ? ">= 0" : "> 0") +
                                    ", got " + number_text(*mean));
  }
  if (uses_sd) {
    if (!r.has("sd")) {
      out.shape("missing_field", r.at("sd"), "is required for this distribution (a number of seconds)");
    } else if (sd) {
      result.sd = *sd;
      if (*kind == distribution_kind::lognormal ? *sd <= 0 : *sd < 0)
        out.invalid(r.at("sd"), std::string{"must be "} + (*kind == distribution_kind::lognormal ? "> 0" : ">= 0") +
                                    ", got " + number_text(*sd));
    }
  } else if (r.has("sd")) {
    out.invalid(r.at("sd"), "is not used by this distribution; remove it");
  }
  if (uses_min) {
    if (min) {
      result.min = *min;
      if (*min < 0) {
        out.invalid(r.at("min"), "must be >= 0, got " + number_text(*min));
      } else if (*kind == distribution_kind::normal_truncated && mean && sd &&
                 *min > *mean + max_truncation_sds * *sd) {
        out.invalid(r.at("min"), "must be at most mean + 6 sd (" + number_text(*mean + max_truncation_sds * *sd) +
                                     ") for a truncated normal");
      }
    }
  } else if (r.has("min")) {
    out.invalid(r.at("min"), "is not used by this distribution; remove it");
  }
  if (out.size() != before) return std::nullopt;
  return result;
}

std::optional<std::uint32_t> read_count(object_reader& r, std::string_view key, problems& out) {
  auto n = r.integer(key, false);
  if (!n) return std::nullopt;
  if (*n < 0 || *n > std::numeric_limits<std::uint32_t>::max()) {
    out.invalid(r.at(key), "must be between 0 and 4294967295, got " + std::to_string(*n));
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(*n);
}

std::string name_list(const std::vector<std::string>& names) {
  std::string out;
  for (auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

/// A list of named objects: each needs a unique, non-empty "name".
template <class Fn>
std::vector<std::string> read_named_list(object_reader& r, std::string_view key, problems& out, Fn&& each) {
  std::vector<std::string> names;
  auto* list = r.array(key, true);
  if (!list) return names;
  if (list->empty()) out.invalid(r.at(key), "needs at least one entry");
  if (list->size() > max_types) {
    out.invalid(r.at(key), "too many entries (at most " + std::to_string(max_types) + ")");
    return names;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto path = index_path(r.at(key), i);
    auto& v = (*list)[i];
    if (!v.is_object()) {
      out.shape("wrong_type", path, "must be an object, got " + type_name(v));
      names.emplace_back();
      continue;
    }
    object_reader item{v.as_object(), path, out};
    auto name = item.string("name", true).value_or("");
    if (item.has("name") && name.empty()) out.invalid(item.at("name"), "must not be empty");
    if (!name.empty() && std::find(names.begin(), names.end(), name) != names.end())
      out.invalid(item.at("name"), "\"" + name + "\" is used twice");
    names.push_back(name);
    each(item, name);
  }
  return names;
}

void read_conversion(object_reader& r, tenant& t, const std::vector<std::string>& call_names,
                     const std::vector<std::string>& agent_names, problems& out) {
  t.conversion.assign(t.agent_types.size(), std::vector<double>(t.call_types.size(), 0.0));
  auto* conv = r.object("conversion", false);
  if (!conv) return;
  t.has_conversion = true;
  auto path = r.at("conversion");
  std::vector<bool> seen_row(t.agent_types.size(), false);
  for (auto& [agent_key, row] : *conv) {
    auto row_path = field_path(path, agent_key);
    auto a_it = std::find(agent_names.begin(), agent_names.end(), std::string_view{agent_key});
    if (a_it == agent_names.end()) {
      out.invalid(row_path, "unknown agent type (known: " + name_list(agent_names) + ")");
      continue;
    }
    auto a = static_cast<std::size_t>(a_it - agent_names.begin());
    seen_row[a] = true;
    if (!row.is_object()) {
      out.shape("wrong_type", row_path, "must be an object of probabilities such as {\"sales\": 0.3}, got " +
                                            type_name(row));
      continue;
    }
    auto& skills = t.agent_types[a].skills;
    for (auto& [call_key, cell] : row.as_object()) {
      auto cell_path = field_path(row_path, call_key);
      auto c_it = std::find(call_names.begin(), call_names.end(), std::string_view{call_key});
      if (c_it == call_names.end()) {
        out.invalid(cell_path, "unknown call type (known: " + name_list(call_names) + ")");
        continue;
      }
      auto c = static_cast<call_type_index>(c_it - call_names.begin());
      if (std::find(skills.begin(), skills.end(), c) == skills.end()) {
        out.invalid(cell_path, "agent type \"" + agent_names[a] + "\" has no skill \"" + call_names[c] +
                                   "\"; remove this cell (or add the skill)");
        continue;
      }
      auto p = as_number(cell);
      if (!p) {
        out.shape("wrong_type", cell_path, "must be a number, got " + type_name(cell));
        continue;
      }
      if (*p < 0 || *p > 1) {
        out.invalid(cell_path, "must be a probability between 0 and 1, got " + number_text(*p));
        continue;
      }
      t.conversion[a][c] = *p;
    }
    for (auto c : skills)
      if (!row.as_object().contains(call_names[c]))
        out.invalid(field_path(row_path, call_names[c]),
                    "missing cell: agent type \"" + agent_names[a] + "\" takes this call type");
  }
  for (std::size_t a = 0; a < seen_row.size(); ++a)
    if (!seen_row[a] && !agent_names[a].empty())
      out.invalid(field_path(path, agent_names[a]), "missing row: the matrix needs a probability for each skill");
}

} // namespace

bool is_valid_tenant_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::variant<tenant, api_error> tenant_from_json(const json::object& body) {
  problems out;
  object_reader r{body, "", out};
  r.only({"name", "service_level_seconds", "service_level_target", "idle_policy", "max_queue", "call_types",
          "agent_types", "agents", "conversion"});
  tenant t;
  if (auto name = r.string("name", true)) {
    t.name = *name;
    if (!is_valid_tenant_name(*name))
      out.invalid("name", "must be 1 to 64 letters, digits, '_' or '-', got \"" + *name + "\"");
  }
  if (auto sl = r.number("service_level_seconds", false)) {
    if (*sl <= 0)
      out.invalid("service_level_seconds", "must be > 0, got " + number_text(*sl));
    else
      t.service_level_threshold = from_seconds(*sl);
  }
  if (auto target = r.number("service_level_target", false)) {
    if (*target <= 0 || *target > 1)
      out.invalid("service_level_target", "must be a share in (0, 1], such as 0.8, got " + number_text(*target));
    else
      t.service_level_target = *target;
  }
  if (auto policy = r.string("idle_policy", false)) {
    if (*policy == "since_available")
      t.idle = idle_policy::since_available;
    else if (*policy == "since_last_call")
      t.idle = idle_policy::since_last_call;
    else
      out.invalid("idle_policy", "unknown idle policy \"" + *policy + "\" (known: since_available, since_last_call)");
  }
  t.max_queue = read_count(r, "max_queue", out);

  auto call_names = read_named_list(r, "call_types", out, [&](object_reader& c, const std::string& name) {
    c.only({"name", "priority", "talk", "wrap_up", "patience", "max_queue", "max_wait"});
    call_type ct;
    ct.name = name;
    if (auto p = c.integer("priority", false)) {
      if (*p < -1000 || *p > 1000)
        out.invalid(c.at("priority"), "must be between -1000 and 1000, got " + std::to_string(*p));
      else
        ct.priority = static_cast<int>(*p);
    }
    if (auto talk = read_distribution(c, "talk", true, out)) ct.talk = *talk;
    if (auto wrap = read_distribution(c, "wrap_up", false, out)) ct.wrap_up = *wrap;
    ct.patience = read_distribution(c, "patience", false, out);
    ct.max_queue = read_count(c, "max_queue", out);
    if (auto w = c.number("max_wait", false)) {
      if (*w <= 0)
        out.invalid(c.at("max_wait"), "must be > 0 seconds, got " + number_text(*w));
      else
        ct.max_wait = from_seconds(*w);
    }
    t.call_types.push_back(std::move(ct));
  });

  auto agent_names = read_named_list(r, "agent_types", out, [&](object_reader& a, const std::string& name) {
    a.only({"name", "skills"});
    agent_type at;
    at.name = name;
    if (auto* skills = a.array("skills", true)) {
      if (skills->empty()) out.invalid(a.at("skills"), "must name at least one call type");
      for (std::size_t i = 0; i < skills->size(); ++i) {
        auto path = index_path(a.at("skills"), i);
        auto& s = (*skills)[i];
        if (!s.is_string()) {
          out.shape("wrong_type", path, "must be a string, got " + type_name(s));
          continue;
        }
        std::string skill{s.as_string()};
        auto it = std::find(call_names.begin(), call_names.end(), skill);
        if (skill.empty() || it == call_names.end()) {
          out.invalid(path, "unknown call type \"" + skill + "\" (known: " + name_list(call_names) + ")");
          continue;
        }
        auto index = static_cast<call_type_index>(it - call_names.begin());
        if (std::find(at.skills.begin(), at.skills.end(), index) != at.skills.end()) {
          out.invalid(path, "skill \"" + skill + "\" is listed twice");
          continue;
        }
        at.skills.push_back(index);
      }
      std::sort(at.skills.begin(), at.skills.end());
    }
    t.agent_types.push_back(std::move(at));
  });

  if (auto* groups = r.array("agents", false)) {
    for (std::size_t i = 0; i < groups->size(); ++i) {
      auto path = index_path("agents", i);
      auto& g = (*groups)[i];
      if (!g.is_object()) {
        out.shape("wrong_type", path, "must be an object such as {\"type\": \"rep\", \"count\": 5}, got " +
                                          type_name(g));
        continue;
      }
      object_reader gr{g.as_object(), path, out};
      gr.only({"type", "count"});
      auto type = gr.string("type", true);
      auto count = gr.integer("count", true);
      agent_group group;
      bool ok = type && count;
      if (type) {
        auto it = std::find(agent_names.begin(), agent_names.end(), *type);
        if (it == agent_names.end() || type->empty()) {
          out.invalid(gr.at("type"), "unknown agent type \"" + *type + "\" (known: " + name_list(agent_names) + ")");
          ok = false;
        } else {
          group.type = static_cast<agent_type_index>(it - agent_names.begin());
        }
      }
      if (count && (*count < 1 || *count > max_agents_per_group)) {
        out.invalid(gr.at("count"), "must be between 1 and " + std::to_string(max_agents_per_group) + ", got " +
                                        std::to_string(*count));
        ok = false;
      }
      if (ok) {
        group.count = static_cast<std::uint32_t>(*count);
        t.agents.push_back(group);
      }
    }
  }

  if (out.empty()) read_conversion(r, t, call_names, agent_names, out);
  if (!out.empty()) return out.to_error();
  return t;
}

} // namespace ccsim::web
