#include "web/router.hpp"

#include <algorithm>

namespace ccsim::web {

std::string_view to_string(access a) {
  switch (a) {
    case access::open: return "open";
    case access::tenant: return "tenant";
    case access::any_key: return "any_key";
    case access::admin: return "admin";
  }
  return "?";
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    auto j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

void router::add(route r) {
  segments_.push_back(split_path(r.pattern));
  routes_.push_back(std::move(r));
}

bool router::match_pattern(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                           path_params& out) {
  if (pattern.size() != path.size()) return false;
  path_params params;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    auto& p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (path[i].empty()) return false;
      params[p.substr(1, p.size() - 2)] = path[i];
    } else if (p != path[i]) {
      return false;
    }
  }
  out = std::move(params);
  return true;
}

route_match router::match(const std::string& method, const std::string& path) const {
  route_match m;
  // Empty segments ("//") never match: split_path would merge them silently.
  if (path.find("//") != std::string::npos) return m;
  auto segments = split_path(path);
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    path_params params;
    if (!match_pattern(segments_[i], segments, params)) continue;
    if (routes_[i].method == method) {
      m.found = &routes_[i];
      m.params = std::move(params);
      m.allowed.clear();
      return m;
    }
    if (std::find(m.allowed.begin(), m.allowed.end(), routes_[i].method) == m.allowed.end())
      m.allowed.push_back(routes_[i].method);
  }
  return m;
}

} // namespace ccsim::web
