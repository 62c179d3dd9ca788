#pragma once
// Counters of the web layer: answers by status class, recent error rates
// per tenant (for the error-rate alert), WebSocket clients. Thread-safe;
// every update is a few atomic adds or one short lock.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace ccsim::web {

/// Requests and errors over the last minute.
struct recent_requests {
  std::uint64_t requests = 0;
  std::uint64_t errors = 0;  ///< answered with a status >= 400
  double error_rate() const { return requests == 0 ? 0.0 : static_cast<double>(errors) / static_cast<double>(requests); }
};

class server_stats {
public:
  using clock = std::chrono::steady_clock;

  /// One answered request; `tenant` is the tenant in the path ("" if none).
  void record(const std::string& tenant, int status);
  /// The last 60 s (wall) for one tenant, or for all requests when `tenant` is "".
  recent_requests recent(const std::string& tenant) const;

  std::uint64_t requests_total() const { return requests_.load(); }
  /// Index by status / 100 (1..5).
  std::uint64_t by_class(int status_class) const;

  std::atomic<std::uint64_t> ws_connected{0};     ///< clients currently connected
  std::atomic<std::uint64_t> ws_accepted{0};      ///< handshakes completed, ever
  std::atomic<std::uint64_t> ws_auth_failed{0};   ///< closed after a failed or missing auth
  std::atomic<std::uint64_t> ws_resyncs{0};       ///< queue overflows answered by a fresh snapshot
  std::atomic<std::uint64_t> ws_closed_slow{0};   ///< closed for staying too far behind
  std::atomic<std::uint64_t> ws_frames_sent{0};

  /// For tests: the clock the windows use.
  void set_now_for_test(clock::time_point t) { test_now_ = t; }

private:
  static constexpr int window_s = 60;
  struct window {
    std::array<std::uint32_t, window_s> requests{}, errors{};
    std::array<std::int64_t, window_s> second{};  ///< which second each slot holds
  };
  std::int64_t now_second() const;
  static void add(window& w, std::int64_t second, bool error);
  static recent_requests sum(const window& w, std::int64_t second);

  std::atomic<std::uint64_t> requests_{0};
  std::array<std::atomic<std::uint64_t>, 6> classes_{};
  mutable std::mutex mtx_;
  window all_;
  std::unordered_map<std::string, window> tenants_;
  clock::time_point test_now_{};
};

} // namespace ccsim::web
