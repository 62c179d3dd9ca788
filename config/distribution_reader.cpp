#include "config/distribution_reader.hpp"

#include "config/did_you_mean.hpp"
#include "config/time_text.hpp"

namespace ccsim::config_detail {

namespace {

struct kind_name {
  std::string_view name;
  distribution_kind kind;
};
// "normal" means the truncated normal: redrawing keeps the shape a normal
// above `min`, which is what a talk-time model usually wants; clamping piles
// mass at `min` and must be asked for by name.
constexpr kind_name kinds[] = {
    {"fixed", distribution_kind::fixed},
    {"exponential", distribution_kind::exponential},
    {"normal", distribution_kind::normal_truncated},
    {"normal_clamped", distribution_kind::normal_clamped},
    {"lognormal", distribution_kind::lognormal},
};

bool uses_sd(distribution_kind k) {
  return k == distribution_kind::normal_truncated || k == distribution_kind::normal_clamped ||
         k == distribution_kind::lognormal;
}
bool uses_min(distribution_kind k) {
  return k == distribution_kind::normal_truncated || k == distribution_kind::normal_clamped;
}

std::string_view file_name(distribution_kind k) {
  for (auto& n : kinds)
    if (n.kind == k) return n.name;
  return "?";
}

std::string seconds_text(double s) { return format_duration(from_seconds(s)); }

} // namespace

std::optional<distribution> read_distribution(reader& r, const toml::table& parent,
                                              std::string_view key, std::string_view path, need n) {
  auto p = key_path(path, key);
  auto* node = parent.get(key);
  if (!node) {
    if (n == need::required)
      r.missing(parent, path, key, "give a table such as { dist = \"exponential\", mean = 180 }");
    return std::nullopt;
  }
  auto* t = node->as_table();
  if (!t) {
    r.wrong_type(*node, p, "a table such as { dist = \"exponential\", mean = 180 }");
    return std::nullopt;
  }
  r.check_keys(*t, p, {"dist", "mean", "sd", "min"});
  auto errors_before = r.error_count();

  std::optional<distribution_kind> kind;
  if (auto d = r.string(*t, "dist", p, need::required)) {
    for (auto& k : kinds)
      if (k.name == d->value) kind = k.kind;
    if (!kind) {
      std::vector<std::string_view> names;
      for (auto& k : kinds) names.push_back(k.name);
      r.error(*d->node, d->path, unknown_name_message("distribution", d->value, names));
    }
  }

  distribution result;
  auto mean = r.duration(*t, "mean", p, need::required);
  auto sd = t->contains("sd") ? r.duration(*t, "sd", p, need::optional) : std::nullopt;
  auto min = t->contains("min") ? r.duration(*t, "min", p, need::optional) : std::nullopt;
  if (!kind) return std::nullopt;  // its parameters cannot be judged without it
  result.kind = *kind;
  auto kind_text = std::string{file_name(*kind)};

  if (mean) {
    result.mean = to_seconds(mean->value);
    if (*kind == distribution_kind::fixed) {
      if (mean->value < sim_duration::zero()) r.reject(*mean, "must be >= 0");
    } else if (mean->value <= sim_duration::zero()) {
      r.reject(*mean, "must be > 0");
    }
  }

  if (uses_sd(*kind)) {
    if (!t->contains("sd")) {
      r.missing(*t, p, "sd", "the " + kind_text + " distribution needs a standard deviation");
    } else if (sd) {
      result.sd = to_seconds(sd->value);
      if (*kind == distribution_kind::lognormal && sd->value <= sim_duration::zero())
        r.reject(*sd, "must be > 0");
      else if (sd->value < sim_duration::zero())
        r.reject(*sd, "must be >= 0");
    }
  } else if (auto* s = t->get("sd")) {
    r.error(*s, key_path(p, "sd"), "is not used by the " + kind_text + " distribution; remove it");
  }

  if (uses_min(*kind)) {
    if (min) {
      result.min = to_seconds(min->value);
      if (min->value < sim_duration::zero()) {
        r.reject(*min, "must be >= 0");
      } else if (*kind == distribution_kind::normal_truncated && mean && sd) {
        double bound = result.mean + max_truncation_sds * result.sd;
        if (result.min > bound)
          r.reject(*min, "must be at most mean + " + std::to_string(static_cast<int>(max_truncation_sds)) +
                             " sd (" + seconds_text(bound) + ") for a truncated normal");
      }
    }
  } else if (auto* m = t->get("min")) {
    r.error(*m, key_path(p, "min"), "is not used by the " + kind_text + " distribution; remove it");
  }

  if (r.error_count() != errors_before) return std::nullopt;
  return result;
}

} // namespace ccsim::config_detail
