#pragma once
// Webhook subscriptions per tenant. Selected events go out as signed JSON
// POSTs, in order per subscription, with retries and exponential back-off.
//
//   engine event batch (actor thread) --filter, render, enqueue--> bounded
//   queue per subscription --one POST in flight--> webhook_client thread
//
// The actor thread only filters and appends to a bounded queue (overflow is
// counted, never waited for), so a dead endpoint cannot slow dispatching.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "live/engine.hpp"
#include "web/errors.hpp"

namespace ccsim::web {

struct webhook_options {
  std::size_t queue_capacity = 1000;  ///< pending events per subscription
  int max_attempts = 6;               ///< per event, then it counts as failed
  std::chrono::milliseconds first_backoff{250};
  std::chrono::milliseconds max_backoff{30000};
  std::chrono::milliseconds timeout{5000};  ///< per attempt, connect to answer
  std::size_t max_per_tenant = 20;
};

/// The events a subscription may select (the domain event_kind names).
const std::vector<std::string>& webhook_event_names();

struct webhook_counters {
  std::uint64_t delivered = 0;
  std::uint64_t failed = 0;    ///< gave up after max_attempts
  std::uint64_t dropped = 0;   ///< the queue was full
  std::uint64_t retries = 0;
  std::uint64_t queued = 0;    ///< waiting or in flight now
};

struct webhook_view {
  std::string id;
  std::string tenant;
  std::string url;
  std::vector<std::string> events;
  webhook_counters counters;
  std::string last_error;
};

/// A subscription as created: the secret is shown this once.
struct webhook_created {
  webhook_view view;
  std::string secret;
};

/// The signature header value for a body: "sha256=" + hex HMAC-SHA256.
std::string webhook_signature(const std::string& secret, const std::string& body);

class webhook_service {
public:
  webhook_service(live::engine& engine, webhook_options opts);
  ~webhook_service();  ///< stop(0)
  webhook_service(const webhook_service&) = delete;
  webhook_service& operator=(const webhook_service&) = delete;

  /// `events` empty: all of webhook_event_names(). `secret` empty: generated.
  std::variant<webhook_created, api_error> add(const live::tenant_info& tenant, const std::string& url,
                                               std::vector<std::string> events, std::string secret);
  std::vector<webhook_view> list(const std::string& tenant) const;
  std::optional<webhook_view> get(const std::string& tenant, const std::string& id) const;
  bool remove(const std::string& tenant, const std::string& id);

  /// Sums over all subscriptions (for /status and /metrics).
  webhook_counters totals() const;
  std::size_t subscriptions() const;

  /// Stops taking events, waits up to `drain` for the queues to empty, then
  /// stops delivering. Events still queued are counted as dropped. Idempotent.
  void stop(std::chrono::milliseconds drain);

private:
  struct impl;
  std::shared_ptr<impl> impl_;
};

} // namespace ccsim::web
