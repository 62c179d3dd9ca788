#include "web/server_stats.hpp"

namespace ccsim::web {

std::int64_t server_stats::now_second() const {
  auto t = test_now_ != clock::time_point{} ? test_now_ : clock::now();
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

void server_stats::add(window& w, std::int64_t second, bool error) {
  auto slot = static_cast<std::size_t>(second % window_s);
  if (w.second[slot] != second) {
    w.second[slot] = second;
    w.requests[slot] = 0;
    w.errors[slot] = 0;
  }
  ++w.requests[slot];
  if (error) ++w.errors[slot];
}

recent_requests server_stats::sum(const window& w, std::int64_t second) {
  recent_requests out;
  for (std::size_t i = 0; i < w.second.size(); ++i) {
    if (w.second[i] <= second - window_s || w.second[i] > second) continue;
    out.requests += w.requests[i];
    out.errors += w.errors[i];
  }
  return out;
}

void server_stats::record(const std::string& tenant, int status) {
  requests_.fetch_add(1, std::memory_order_relaxed);
  auto cls = status / 100;
  if (cls >= 1 && cls <= 5) classes_[static_cast<std::size_t>(cls)].fetch_add(1, std::memory_order_relaxed);
  bool error = status >= 400;
  auto second = now_second();
  std::lock_guard<std::mutex> guard{mtx_};
  add(all_, second, error);
  if (!tenant.empty()) add(tenants_[tenant], second, error);
}

recent_requests server_stats::recent(const std::string& tenant) const {
  auto second = now_second();
  std::lock_guard<std::mutex> guard{mtx_};
  if (tenant.empty()) return sum(all_, second);
  auto it = tenants_.find(tenant);
  return it == tenants_.end() ? recent_requests{} : sum(it->second, second);
}

std::uint64_t server_stats::by_class(int status_class) const {
  if (status_class < 1 || status_class > 5) return 0;
  return classes_[static_cast<std::size_t>(status_class)].load();
}

} // namespace ccsim::web
