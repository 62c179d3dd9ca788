#include "web/webhooks.hpp"

#include <algorithm>
#include <atomic>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "web/json_text.hpp"
#include "web/key_store.hpp"
#include "web/sha256.hpp"
#include "web/view_json.hpp"
#include "web/webhook_client.hpp"

namespace ccsim::web {

namespace json = boost::json;

const std::vector<std::string>& webhook_event_names() {
  static const std::vector<std::string> names = {"call_assigned", "call_ended", "call_rejected",
                                                 "agent_state_changed"};
  return names;
}

std::string webhook_signature(const std::string& secret, const std::string& body) {
  return "sha256=" + to_hex(hmac_sha256(secret, body));
}

namespace {

struct pending {
  std::string body;
  std::string event;
  std::uint64_t seq = 0;
};

struct subscription {
  // Fixed at creation.
  std::string id, tenant, url, secret;
  tenant_index tenant_id = 0;
  http_url target;
  std::vector<std::string> events;
  std::vector<event_kind> kinds;
  std::vector<std::string> call_types, agent_types;

  // Guarded by mtx.
  mutable std::mutex mtx;
  std::deque<pending> queue;
  bool in_flight = false;
  bool removed = false;
  int attempts = 0;
  webhook_counters counters;
  std::string last_error;

  bool wants(event_kind k) const { return std::find(kinds.begin(), kinds.end(), k) != kinds.end(); }

  webhook_view view() const {
    std::lock_guard<std::mutex> guard{mtx};
    webhook_view v{id, tenant, url, events, counters, last_error};
    v.counters.queued = queue.size();
    return v;
  }
};

std::string name_at(const std::vector<std::string>& names, std::size_t i) {
  return i < names.size() ? names[i] : std::to_string(i);
}

std::string render(const subscription& s, const event& e, const std::string& text) {
  json::object o{{"subscription", s.id},
                 {"tenant", s.tenant},
                 {"event", std::string{to_string(e.kind)}},
                 {"seq", e.seq},
                 {"at_s", rounded(to_seconds(e.at))},
                 {"text", text}};
  if (e.kind == event_kind::agent_state_changed) {
    o["agent"] = json::object{{"id", e.agent}, {"type", name_at(s.agent_types, e.agent_type)}};
    o["from"] = std::string{to_string(e.from)};
    o["to"] = std::string{to_string(e.to)};
    return to_text(o);
  }
  json::object call{{"id", e.call},
                    {"type", name_at(s.call_types, e.type)},
                    {"arrived_s", rounded(to_seconds(e.arrived))}};
  switch (e.kind) {
    case event_kind::call_assigned: call["wait_s"] = rounded(to_seconds(e.duration)); break;
    case event_kind::call_ended:
      call["talk_s"] = rounded(to_seconds(e.duration));
      call["wrap_up_s"] = rounded(to_seconds(e.duration2));
      call["qualification"] = std::string{to_string(e.result)};
      break;
    case event_kind::call_rejected: call["reason"] = std::string{to_string(e.reason)}; break;
    default: break;
  }
  o["call"] = std::move(call);
  if (e.agent != no_agent) o["agent"] = json::object{{"id", e.agent}, {"type", name_at(s.agent_types, e.agent_type)}};
  return to_text(o);
}

} // namespace

struct webhook_service::impl : std::enable_shared_from_this<webhook_service::impl> {
  live::engine& engine;
  webhook_options opts;
  webhook_client client;
  std::uint64_t token = 0;
  std::atomic<bool> stopped{false};
  std::atomic<std::uint64_t> next_id{1};

  mutable std::mutex mtx;  // guards the maps, never held while sending
  std::unordered_map<tenant_index, std::vector<std::shared_ptr<subscription>>> by_tenant;
  webhook_counters removed_totals;  // counters of deleted subscriptions stay in the totals

  impl(live::engine& e, webhook_options o) : engine(e), opts(o) {}

  std::vector<std::shared_ptr<subscription>> of_tenant(tenant_index t) const {
    std::lock_guard<std::mutex> guard{mtx};
    auto it = by_tenant.find(t);
    return it == by_tenant.end() ? std::vector<std::shared_ptr<subscription>>{} : it->second;
  }

  /// Actor thread: filter, render, append. Never waits for the network.
  void on_events(tenant_index t, const std::vector<event>& batch) {
    if (stopped) return;
    auto subs = of_tenant(t);
    for (auto& s : subs) {
      bool kick = false;
      for (auto& e : batch) {
        if (!s->wants(e.kind)) continue;
        auto body = render(*s, e, engine.describe_event(t, e));
        std::lock_guard<std::mutex> guard{s->mtx};
        if (s->removed) break;
        if (s->queue.size() >= opts.queue_capacity) {
          ++s->counters.dropped;
          continue;
        }
        s->queue.push_back({std::move(body), std::string{to_string(e.kind)}, e.seq});
        if (!s->in_flight) {
          s->in_flight = true;
          kick = true;
        }
      }
      if (kick) {
        auto self = shared_from_this();
        client.post_task([self, s] { self->deliver_next(s); });
      }
    }
  }

  /// Client thread: send the head of the queue (it stays there until it succeeds or fails for good).
  void deliver_next(const std::shared_ptr<subscription>& s) {
    pending head;
    {
      std::lock_guard<std::mutex> guard{s->mtx};
      if (s->removed || s->queue.empty()) {
        s->in_flight = false;
        return;
      }
      head = s->queue.front();
    }
    webhook_client::headers h{{"X-Ccsim-Signature", webhook_signature(s->secret, head.body)},
                              {"X-Ccsim-Event", head.event},
                              {"X-Ccsim-Delivery", s->id + "-" + std::to_string(head.seq)}};
    auto self = shared_from_this();
    client.post(s->target, std::move(head.body), std::move(h), opts.timeout,
                [self, s](std::string error) { self->on_result(s, std::move(error)); });
  }

  void on_result(const std::shared_ptr<subscription>& s, std::string error) {
    std::chrono::milliseconds wait{0};
    {
      std::lock_guard<std::mutex> guard{s->mtx};
      if (error.empty()) {
        ++s->counters.delivered;
        s->attempts = 0;
        if (!s->queue.empty()) s->queue.pop_front();
      } else {
        s->last_error = error;
        if (++s->attempts >= opts.max_attempts) {
          ++s->counters.failed;
          s->attempts = 0;
          if (!s->queue.empty()) s->queue.pop_front();
        } else {
          ++s->counters.retries;
          auto factor = 1LL << std::min(s->attempts - 1, 20);
          wait = std::min(opts.max_backoff, std::chrono::milliseconds(opts.first_backoff.count() * factor));
        }
      }
    }
    auto self = shared_from_this();
    if (wait.count() > 0)
      client.after(wait, [self, s] { self->deliver_next(s); });
    else
      deliver_next(s);
  }
};

webhook_service::webhook_service(live::engine& engine, webhook_options opts)
    : impl_(std::make_shared<impl>(engine, opts)) {
  std::weak_ptr<impl> weak = impl_;
  impl_->token = engine.subscribe([weak](tenant_index t, const std::vector<event>& batch) {
    if (auto self = weak.lock()) self->on_events(t, batch);
  });
}

webhook_service::~webhook_service() { stop(std::chrono::milliseconds{0}); }

std::variant<webhook_created, api_error> webhook_service::add(const live::tenant_info& tenant, const std::string& url,
                                                              std::vector<std::string> events, std::string secret) {
  std::string error;
  auto target = parse_http_url(url, error);
  if (!target) return unprocessable("invalid_value", "url: " + error);
  if (events.empty()) events = webhook_event_names();
  auto s = std::make_shared<subscription>();
  for (auto& name : events) {
    auto& known = webhook_event_names();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (auto& k : known) list += (list.empty() ? "" : ", ") + k;
      return unprocessable("invalid_value", "events: unknown event \"" + name + "\" (known: " + list + ")");
    }
    for (int k = 0; k < event_kind_count; ++k)
      if (to_string(static_cast<event_kind>(k)) == name &&
          std::find(s->kinds.begin(), s->kinds.end(), static_cast<event_kind>(k)) == s->kinds.end())
        s->kinds.push_back(static_cast<event_kind>(k));
  }
  if (secret.empty()) secret = key_store::generate_key();
  if (secret.size() < 16) return unprocessable("invalid_value", "secret: must be at least 16 characters");
  s->id = "wh_" + std::to_string(impl_->next_id++);
  s->tenant = tenant.name;
  s->tenant_id = tenant.id;
  s->url = url;
  s->secret = secret;
  s->target = *target;
  s->events = std::move(events);
  s->call_types = tenant.call_types;
  s->agent_types = tenant.agent_types;
  {
    std::lock_guard<std::mutex> guard{impl_->mtx};
    auto& list = impl_->by_tenant[tenant.id];
    if (list.size() >= impl_->opts.max_per_tenant)
      return conflict("too_many_webhooks",
                      "a tenant may have at most " + std::to_string(impl_->opts.max_per_tenant) + " subscriptions");
    list.push_back(s);
  }
  return webhook_created{s->view(), secret};
}

std::vector<webhook_view> webhook_service::list(const std::string& tenant) const {
  std::vector<webhook_view> out;
  std::lock_guard<std::mutex> guard{impl_->mtx};
  for (auto& [t, subs] : impl_->by_tenant)
    for (auto& s : subs)
      if (s->tenant == tenant) out.push_back(s->view());
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) {
    return a.id.size() != b.id.size() ? a.id.size() < b.id.size() : a.id < b.id;
  });
  return out;
}

std::optional<webhook_view> webhook_service::get(const std::string& tenant, const std::string& id) const {
  std::lock_guard<std::mutex> guard{impl_->mtx};
  for (auto& [t, subs] : impl_->by_tenant)
    for (auto& s : subs)
      if (s->tenant == tenant && s->id == id) return s->view();
  return std::nullopt;
}

bool webhook_service::remove(const std::string& tenant, const std::string& id) {
  std::lock_guard<std::mutex> guard{impl_->mtx};
  for (auto& [t, subs] : impl_->by_tenant) {
    for (auto it = subs.begin(); it != subs.end(); ++it) {
      auto& s = *it;
      if (s->tenant != tenant || s->id != id) continue;
      {
        std::lock_guard<std::mutex> sub_guard{s->mtx};
        s->removed = true;
        auto& r = impl_->removed_totals;
        r.delivered += s->counters.delivered;
        r.failed += s->counters.failed;
        r.dropped += s->counters.dropped + s->queue.size();
        r.retries += s->counters.retries;
        s->queue.clear();
      }
      subs.erase(it);
      return true;
    }
  }
  return false;
}

webhook_counters webhook_service::totals() const {
  std::lock_guard<std::mutex> guard{impl_->mtx};
  auto out = impl_->removed_totals;
  for (auto& [t, subs] : impl_->by_tenant)
    for (auto& s : subs) {
      auto v = s->view();
      out.delivered += v.counters.delivered;
      out.failed += v.counters.failed;
      out.dropped += v.counters.dropped;
      out.retries += v.counters.retries;
      out.queued += v.counters.queued;
    }
  return out;
}

std::size_t webhook_service::subscriptions() const {
  std::lock_guard<std::mutex> guard{impl_->mtx};
  std::size_t n = 0;
  for (auto& [t, subs] : impl_->by_tenant) n += subs.size();
  return n;
}

void webhook_service::stop(std::chrono::milliseconds drain) {
  if (impl_->stopped.exchange(true)) return;
  impl_->engine.unsubscribe(impl_->token);
  auto deadline = std::chrono::steady_clock::now() + drain;
  while (std::chrono::steady_clock::now() < deadline && totals().queued > 0)
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  impl_->client.stop();
  std::lock_guard<std::mutex> guard{impl_->mtx};
  for (auto& [t, subs] : impl_->by_tenant)
    for (auto& s : subs) {
      std::lock_guard<std::mutex> sub_guard{s->mtx};
      s->counters.dropped += s->queue.size();
      s->queue.clear();
    }
}

} // namespace ccsim::web
