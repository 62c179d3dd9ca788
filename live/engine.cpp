// The live engine: one actor system on the work-stealing scheduler, one
// tenant actor per tenant, a view per tenant kept current from its event
// stream. Requests that need an actor's answer go through one-shot actors,
// so no caller thread ever blocks on an actor.
#include "live/engine.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>

#include "actors/event_bus.hpp"
#include "actors/protocol/errc.hpp"
#include "actors/protocol/type_ids.hpp"
#include "actors/runtime_config.hpp"
#include "actors/tenant.hpp"
#include "domain/dispatch_board.hpp"
#include "domain/latency_histogram.hpp"
#include "domain/random.hpp"
#include "live/tenant_view.hpp"

namespace ccsim::live {

namespace {

using namespace std::chrono_literals;

/// How long an API request may wait for an actor before answering "busy".
constexpr auto request_timeout = 5s;

std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
           std::chrono::steady_clock::now().time_since_epoch())
    .count();
}

std::string context_text(const caf::error& err) {
  auto& ctx = err.context();
  if (ctx.size() == 1 && ctx.match_element<std::string>(0)) return ctx.get_as<std::string>(0);
  return ctx.empty() ? std::string{} : caf::to_string(ctx);
}

api_error to_api_error(const caf::error& err) {
  if (err.category() == caf::atom("ccsim")) {
    auto code = static_cast<errc>(err.code());
    int status = 409;
    switch (code) {
      case errc::unknown_agent:
      case errc::unknown_call:
      case errc::unknown_call_type:
      case errc::unknown_agent_type: status = 404; break;
      default: break;
    }
    return {status, to_string(code), context_text(err)};
  }
  if (err == caf::sec::request_timeout)
    return {503, "busy", "the tenant did not answer in time"};
  return {500, "internal", caf::to_string(err)};  // our bug, never the client's input
}

api_error unknown_tenant(tenant_index t) {
  return {404, "unknown_tenant", "tenant " + std::to_string(t)};
}

} // namespace

struct engine::impl {
  struct entry {
    std::shared_ptr<const tenant> config;
    std::shared_ptr<tenant_context> ctx;
    tenant_actor actor;
    event_subscriber view_feed;
    std::shared_ptr<tenant_view> view;
  };

  engine_options opts;
  runtime_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  mutable std::mutex mtx;  // tenants, by_name and subscribers
  std::vector<std::shared_ptr<entry>> tenants;
  std::unordered_map<std::string, tenant_index> by_name;  // names are fixed at creation
  std::map<std::uint64_t, std::function<void(tenant_index, const std::vector<event>&)>> subscribers;
  std::uint64_t next_token = 1;
  std::atomic<bool> paused{false};
  std::atomic<bool> stopped{false};
  std::atomic<std::uint64_t> calls_created{0};

  std::shared_ptr<entry> find(tenant_index t) const {
    std::lock_guard<std::mutex> guard{mtx};
    return t < tenants.size() ? tenants[t] : nullptr;
  }

  double now_s() const { return to_seconds(cfg.wall->to_sim(sys->clock().now())); }

  void publish(tenant_index t, const std::vector<event>& batch) {
    std::vector<std::function<void(tenant_index, const std::vector<event>&)>> fns;
    {
      std::lock_guard<std::mutex> guard{mtx};
      for (auto& [token, fn] : subscribers) fns.push_back(fn);
    }
    for (auto& fn : fns) fn(t, batch);
  }

  result<tenant_info> add_tenant(tenant config, std::optional<arrival_plan> traffic,
                                 bool start_agents) {
    std::lock_guard<std::mutex> guard{mtx};
    if (stopped) return api_error{503, "shutting_down", "the server is shutting down"};
    if (by_name.count(config.name))
      return api_error{409, "tenant_exists", "a tenant named '" + config.name + "' exists"};
    auto index = static_cast<tenant_index>(tenants.size());
    auto e = std::make_shared<entry>();
    e->config = std::make_shared<const tenant>(std::move(config));
    // Flush on every event: a wallboard wants changes now, not in batches.
    e->ctx = make_tenant_context(index, e->config, 1);
    e->ctx->latency = std::make_shared<latency_histogram>();
    tenant_info info;
    info.id = index;
    info.name = e->config->name;
    for (auto& c : e->config->call_types) info.call_types.push_back(c.name);
    for (auto& a : e->config->agent_types) info.agent_types.push_back(a.name);
    info.scenario_traffic = traffic.has_value();
    auto reasons = e->ctx->reasons;
    e->view = std::make_shared<tenant_view>(e->config, info,
                                            [reasons](std::uint8_t c) { return reasons->text(c); });
    auto view = e->view;
    e->view_feed = spawn_event_observer(*sys, [this, view, index](const std::vector<event>& batch) {
      view->apply(batch);
      publish(index, batch);
    });
    arrival_plan plan = traffic.value_or(arrival_plan{});
    plan.seed = derive_seed(opts.seed, 0x11fe, index);
    tenant_setup setup{e->ctx, plan, {e->view_feed}};
    if (!traffic) {  // API tenants: no arrivals, agents from the definition only
      plan.horizon = sim_time{0};
      setup.plan = plan;
    }
    e->actor = spawn_tenant(*sys, std::move(setup));
    if (start_agents) caf::anon_send(e->actor, atoms::start_atom_v);
    if (paused) caf::anon_send(e->actor, atoms::pause_atom_v, true);
    tenants.push_back(e);
    by_name.emplace(e->config->name, index);
    return info;
  }

  /// Sends a request from a one-shot actor; `on_ok` maps the reply.
  template <class Reply, class Handle, class OnOk, class... Ts>
  void ask(const Handle& dest, OnOk on_ok, std::function<void(api_error)> on_err, Ts... xs) {
    sys->spawn([=](caf::event_based_actor* self) {
      self->request(dest, request_timeout, xs...)
        .then([=](Reply& r) { on_ok(std::move(r)); },
              [=](caf::error& err) { on_err(to_api_error(err)); });
    });
  }
};

engine::engine(engine_options opts) : impl_(std::make_unique<impl>()) {
  impl_->opts = opts;
  register_types(impl_->cfg);
  impl_->cfg.set("scheduler.max-threads", static_cast<std::size_t>(opts.threads ? opts.threads : 2));
  // The wall model needs the clock's origin; CAF's actor clock is steady.
  impl_->cfg.wall = std::make_shared<wall_clock_model>(caf::actor_clock::clock_type::now(),
                                                       opts.speed > 0 ? opts.speed : 1.0);
  impl_->sys = std::make_unique<caf::actor_system>(impl_->cfg);
}

engine::~engine() { shutdown(); }

result<std::vector<tenant_info>> engine::load_scenario(const scenario& s) {
  std::vector<tenant_info> out;
  for (auto& t : s.tenants) {
    arrival_plan plan;
    auto r = impl_->add_tenant(t, plan, true);
    if (auto* err = std::get_if<api_error>(&r)) return *err;
    out.push_back(std::get<tenant_info>(r));
  }
  return out;
}

result<tenant_info> engine::create_tenant(tenant config) {
  // Agents listed in the definition log in at once (they have no shifts).
  return impl_->add_tenant(std::move(config), std::nullopt, true);
}

std::vector<tenant_info> engine::tenants() const {
  std::vector<std::shared_ptr<impl::entry>> copy;
  {
    std::lock_guard<std::mutex> guard{impl_->mtx};
    copy = impl_->tenants;
  }
  std::vector<tenant_info> out;
  for (auto& e : copy) out.push_back(e->view->info());
  return out;
}

std::shared_ptr<const tenant> engine::tenant_config(tenant_index t) const {
  auto e = impl_->find(t);
  return e ? e->config : nullptr;
}

std::vector<std::string> engine::break_reasons(tenant_index t) const {
  auto e = impl_->find(t);
  return e ? e->ctx->reasons->texts() : std::vector<std::string>{};
}

sim_time engine::sim_now() const { return impl_->cfg.wall->to_sim(impl_->sys->clock().now()); }

std::optional<tenant_info> engine::find_tenant(const std::string& name) const {
  std::shared_ptr<impl::entry> found;
  {
    std::lock_guard<std::mutex> guard{impl_->mtx};
    if (auto it = impl_->by_name.find(name); it != impl_->by_name.end()) found = impl_->tenants[it->second];
  }
  if (!found) return std::nullopt;
  return found->view->info();
}

void engine::create_agent(tenant_index t, std::string type, std::string name, bool logged_in,
                          callback<agent_info> done) {
  auto e = impl_->find(t);
  if (!e) return done(unknown_tenant(t));
  auto& types = e->config->agent_types;
  auto it = std::find_if(types.begin(), types.end(), [&](auto& a) { return a.name == type; });
  if (it == types.end())
    return done(api_error{404, "unknown_agent_type", "agent type '" + type + "' is not defined"});
  auto index = static_cast<agent_type_index>(it - types.begin());
  auto view = e->view;
  impl_->ask<agent_id>(
    e->actor,
    [=](agent_id id) {
      view->name_agent(id, name.empty() ? "agent " + std::to_string(id) : name, type);
      agent_info info;
      if (auto a = view->agent(id)) info = *a;
      info.id = id;
      info.type = type;
      info.name = name.empty() ? "agent " + std::to_string(id) : name;
      info.state = logged_in ? agent_state::available : agent_state::offline;
      done(info);
    },
    [=](api_error err) { done(err); }, atoms::new_agent_atom_v, index, logged_in);
}

void engine::command_agent(tenant_index t, agent_id a, agent_command cmd, std::string break_reason,
                           callback<agent_info> done) {
  auto e = impl_->find(t);
  if (!e) return done(unknown_tenant(t));
  if (!e->view->agent(a))
    return done(api_error{404, "unknown_agent", "agent " + std::to_string(a)});
  auto order = static_cast<agent_order>(static_cast<std::uint8_t>(cmd));
  auto view = e->view;
  auto* self = impl_.get();
  impl_->ask<agent_reply>(
    e->actor,
    [=](agent_reply r) {
      view->set_pending(a, r.pending);
      agent_info info = view->agent(a).value_or(agent_info{});
      info.id = a;
      info.state = r.state;  // the agent's own answer, ahead of the stream
      info.pending_break = r.pending && cmd == agent_command::take_break;
      info.pending_logout = r.pending && cmd == agent_command::logout;
      info.state_since_s = info.state_since_s == 0 ? self->now_s() : info.state_since_s;
      done(info);
    },
    [=](api_error err) { done(err); }, atoms::command_atom_v, a, order, break_reason);
}

void engine::delete_agent(tenant_index t, agent_id a, callback<bool> done) {
  auto e = impl_->find(t);
  if (!e) return done(unknown_tenant(t));
  if (!e->view->agent(a))
    return done(api_error{404, "unknown_agent", "agent " + std::to_string(a)});
  auto view = e->view;
  impl_->ask<bool>(
    e->actor,
    [=](bool removed) {
      view->forget_agent(a);
      done(removed);
    },
    [=](api_error err) { done(err); }, atoms::remove_atom_v, a);
}

std::vector<agent_info> engine::agents(tenant_index t) const {
  auto e = impl_->find(t);
  return e ? e->view->agents() : std::vector<agent_info>{};
}

std::optional<agent_info> engine::agent(tenant_index t, agent_id a) const {
  auto e = impl_->find(t);
  return e ? e->view->agent(a) : std::nullopt;
}

void engine::create_call(tenant_index t, std::string type, std::optional<double> talk_s,
                         std::optional<double> patience_s, callback<call_created> done) {
  auto accepted = steady_ns();
  auto e = impl_->find(t);
  if (!e) return done(unknown_tenant(t));
  auto& types = e->config->call_types;
  auto it = std::find_if(types.begin(), types.end(), [&](auto& c) { return c.name == type; });
  if (it == types.end())
    return done(api_error{404, "unknown_call_type", "call type '" + type + "' is not defined"});
  if (talk_s && !(*talk_s >= 0 && *talk_s <= 86400))
    return done(api_error{400, "invalid_field", "talk_s must be between 0 and 86400"});
  if (patience_s && !(*patience_s >= 0 && *patience_s <= 86400))
    return done(api_error{400, "invalid_field", "patience_s must be between 0 and 86400"});
  auto index = static_cast<call_type_index>(it - types.begin());
  sim_duration talk = talk_s ? from_seconds(*talk_s) : sim_duration{-1};
  sim_duration patience = patience_s ? from_seconds(*patience_s) : sim_duration{-1};
  auto* self = impl_.get();
  auto latency = e->ctx->latency;
  impl_->ask<dispatch_verdict>(
    e->actor,
    [=](dispatch_verdict v) {
      self->calls_created.fetch_add(1, std::memory_order_relaxed);
      call_created out;
      out.id = v.call;
      switch (static_cast<admission::verdict>(v.what)) {
        case admission::verdict::assigned:
          out.outcome = "assigned";
          out.agent = v.agent;
          break;
        case admission::verdict::queued:
          out.outcome = "queued";
          out.queue_length = v.queue_length;
          break;
        case admission::verdict::rejected:
          out.outcome = "rejected";
          out.reason = std::string(to_string(v.reason));
          break;
      }
      done(out);
    },
    [=](api_error err) { done(err); }, atoms::new_call_atom_v, index, talk, patience, accepted);
}

void engine::cancel_call(tenant_index t, call_id c, callback<call_info> done) {
  auto e = impl_->find(t);
  if (!e) return done(unknown_tenant(t));
  auto info = e->view->call(c);
  if (!info) return done(api_error{404, "unknown_call", "call " + std::to_string(c)});
  auto view = e->view;
  impl_->ask<bool>(
    e->actor,
    [=](bool was_waiting) {
      if (!was_waiting)
        return done(api_error{409, "not_waiting", "call " + std::to_string(c) + " is not waiting"});
      auto now = view->call(c).value_or(*info);
      now.state = "abandoned";
      done(now);
    },
    [=](api_error err) { done(err); }, atoms::leave_atom_v, c, atoms::query_atom_v);
}

void engine::end_call(tenant_index t, call_id c, callback<call_info> done) {
  auto e = impl_->find(t);
  if (!e) return done(unknown_tenant(t));
  auto info = e->view->call(c);
  if (!info) return done(api_error{404, "unknown_call", "call " + std::to_string(c)});
  if (info->state != "talking" || !info->agent)
    return done(api_error{409, "not_talking", "call " + std::to_string(c) + " is " + info->state});
  auto view = e->view;
  impl_->ask<bool>(
    e->actor,
    [=](bool) {
      auto now = view->call(c).value_or(*info);
      if (now.state == "talking") now.state = "ended";
      done(now);
    },
    [=](api_error err) { done(err); }, atoms::hangup_atom_v, *info->agent, c);
}

std::optional<call_info> engine::call(tenant_index t, call_id c) const {
  auto e = impl_->find(t);
  return e ? e->view->call(c) : std::nullopt;
}

tenant_snapshot engine::snapshot(tenant_index t) const {
  auto e = impl_->find(t);
  if (!e) return {};
  return e->view->snapshot(impl_->now_s());
}

tenant_kpis engine::kpis(tenant_index t) const {
  auto e = impl_->find(t);
  if (!e) return {};
  return e->view->kpis(impl_->now_s());
}

tenant_kpis kpis_of(const tenant_snapshot& s) {
  tenant_kpis k;
  k.tenant = s.tenant.id;
  k.name = s.tenant.name;
  k.now_s = s.now_s;
  k.service_level_threshold_s = s.service_level_threshold_s;
  k.service_level_target = s.service_level_target;
  k.kpis = s.kpis;
  k.occupancy = s.occupancy;
  k.agents = s.agents.size();
  for (auto& q : s.queues) k.waiting += q.waiting;
  k.minutes = s.minutes;
  k.version = s.version;
  return k;
}

std::vector<event> engine::recent_events(tenant_index t, std::uint64_t after_seq) const {
  auto e = impl_->find(t);
  return e ? e->view->recent(after_seq) : std::vector<event>{};
}

std::string engine::describe_event(tenant_index t, const event& ev) const {
  auto e = impl_->find(t);
  return e ? e->view->describe(ev) : std::string(to_string(ev.kind));
}

engine_status engine::status() const {
  engine_status s;
  s.uptime_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - impl_->started).count();
  s.sim_time_s = impl_->now_s();
  s.speed = impl_->cfg.wall->speed();
  s.paused = impl_->paused;
  std::vector<std::shared_ptr<impl::entry>> copy;
  {
    std::lock_guard<std::mutex> guard{impl_->mtx};
    copy = impl_->tenants;
  }
  s.tenants = copy.size();
  std::vector<std::size_t> agents(agent_state_count, 0), calls(3, 0);
  for (auto& e : copy) e->view->count_states(agents, calls);
  for (int i = 0; i < agent_state_count; ++i)
    s.agents_by_state.emplace_back(std::string(to_string(static_cast<agent_state>(i))),
                                   agents[static_cast<std::size_t>(i)]);
  s.calls_by_state = {{"waiting", calls[0]}, {"ringing", calls[1]}, {"talking", calls[2]}};
  s.calls_created = impl_->calls_created.load();
  // Dispatch latency of every call (API and scenario traffic), merged.
  latency_counts all;
  for (auto& e : copy) all.merge(e->ctx->latency->read());
  auto& lat = s.dispatch_latency;
  lat.count = all.count;
  lat.sum_ms = all.sum_ms();
  lat.max_ms = all.max_ms();
  lat.p50_ms = all.quantile_ms(0.50);
  lat.p90_ms = all.quantile_ms(0.90);
  lat.p99_ms = all.quantile_ms(0.99);
  lat.buckets = all.cumulative();
  return s;
}

std::uint64_t engine::subscribe(std::function<void(tenant_index, const std::vector<event>&)> fn) {
  std::lock_guard<std::mutex> guard{impl_->mtx};
  auto token = impl_->next_token++;
  impl_->subscribers.emplace(token, std::move(fn));
  return token;
}

void engine::unsubscribe(std::uint64_t token) {
  std::lock_guard<std::mutex> guard{impl_->mtx};
  impl_->subscribers.erase(token);
}

void engine::set_paused(bool paused) {
  impl_->paused = paused;
  std::lock_guard<std::mutex> guard{impl_->mtx};
  for (auto& e : impl_->tenants) caf::anon_send(e->actor, atoms::pause_atom_v, paused);
}

result<bool> engine::set_speed(double speed) {
  if (!(speed > 0 && speed <= 10000))
    return api_error{400, "invalid_speed", "speed must be > 0 and <= 10000"};
  impl_->cfg.wall->set_speed(impl_->sys->clock().now(), speed);
  return true;
}

void engine::shutdown() {
  if (impl_->stopped.exchange(true)) return;
  std::vector<std::shared_ptr<impl::entry>> copy;
  {
    std::lock_guard<std::mutex> guard{impl_->mtx};
    copy = impl_->tenants;
  }
  // Every event must reach the subscribers (the recorder writes the calls in
  // flight from them). A tenant's stop makes its bus publish what the log
  // holds, then quit; waiting until every bus is gone before stopping the
  // view feeds puts each bus's last batch ahead of the feed's exit in its
  // mailbox. What actors emit after their bus's last drain stays in the
  // log and is published below, once no actor is left to emit.
  {
    caf::scoped_actor self{*impl_->sys};
    std::size_t buses = 0;
    auto deadline = std::chrono::steady_clock::now() + request_timeout;
    for (auto& e : copy) {
      // A tenant created just before the stop may not have attached its bus yet.
      auto bus = e->ctx->log->bus();
      while (!bus && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(1ms);
        bus = e->ctx->log->bus();
      }
      if (bus) {
        self->monitor(bus);
        ++buses;
      }
    }
    for (auto& e : copy) {
      caf::anon_send(e->actor, atoms::pause_atom_v, true);
      caf::anon_send(e->actor, atoms::stop_atom_v);
    }
    bool timed_out = false;
    for (std::size_t i = 0; i < buses && !timed_out; ++i)
      self->receive([](const caf::down_msg&) {},
                    caf::after(request_timeout) >> [&] { timed_out = true; });
  }
  for (auto& e : copy) caf::anon_send_exit(e->view_feed, caf::exit_reason::user_shutdown);
  impl_->sys->await_all_actors_done();
  for (auto& e : copy) {
    auto rest = e->ctx->log->drain();
    if (rest.empty()) continue;
    e->view->apply(rest);
    impl_->publish(e->ctx->index, rest);
  }
  std::lock_guard<std::mutex> guard{impl_->mtx};
  impl_->subscribers.clear();
}

} // namespace ccsim::live
