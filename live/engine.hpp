#pragma once
// The live (wall-clock) engine: the same tenant, dispatcher, agent and call
// actors as `ccsim run`, on CAF's work-stealing scheduler with a speed factor.
//
// This header is the whole surface web/ sees: no CAF types, so the HTTP
// layer compiles without CAF's heavy headers. Threading contract:
// - Commands that need an actor's answer (create a call, change an agent's
//   state, ...) are asynchronous: the callback runs later on an actor
//   thread, exactly once. Never block in it; post to your own executor.
// - Reads (snapshot, kpis, agents, calls, status) are synchronous and cheap:
//   they copy from a view that a subscriber actor keeps current from the
//   event stream, under a short lock. They never wait for an actor. A
//   snapshot copies every agent and waiting call; kpis() and status() copy
//   nothing that grows with agents or calls.
// - Every method is safe to call from any thread.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/agent_state.hpp"
#include "domain/event.hpp"
#include "domain/report.hpp"
#include "domain/scenario.hpp"

namespace ccsim::live {

/// A failure a client caused or can act on. `status` is the HTTP status the
/// web layer should answer with (4xx for client mistakes, 503 for "busy").
struct api_error {
  int status = 400;
  std::string code;    ///< machine-readable: "unknown_agent", "illegal_transition", ...
  std::string detail;  ///< for humans: what and where
};

template <class T>
using result = std::variant<T, api_error>;
template <class T>
using callback = std::function<void(result<T>)>;

struct tenant_info {
  tenant_index id = 0;
  std::string name;
  std::vector<std::string> call_types;
  std::vector<std::string> agent_types;
  std::size_t agents = 0;
  bool scenario_traffic = false;  ///< has an arrival generator
};

struct agent_info {
  agent_id id = 0;
  std::string name;
  std::string type;
  agent_state state = agent_state::offline;
  double state_since_s = 0;       ///< simulated time it entered `state`
  std::string break_reason;       ///< when on break
  std::optional<call_id> call;    ///< the call it is handling
  std::uint64_t calls_handled = 0;
  bool pending_break = false;     ///< a break or logout waits for the current call
  bool pending_logout = false;
};

/// waiting, ringing (reserved), talking, wrap_up (agent still busy with it),
/// ended, abandoned, rejected, cancelled.
struct call_info {
  call_id id = 0;
  std::string type;
  std::string state;
  std::optional<agent_id> agent;
  double arrived_s = 0;
  std::optional<double> answered_s;
  std::optional<double> ended_s;
  double wait_s = 0;              ///< so far, or until answered/left
  std::string reject_reason;      ///< rejected: queue_full, tenant_queue_full, max_wait
  std::string qualification;      ///< ended: ok, ko or none
};

/// The dispatcher's verdict on a new call, as the API reports it.
struct call_created {
  call_id id = 0;
  std::string outcome;            ///< "assigned", "queued" or "rejected"
  std::optional<agent_id> agent;  ///< assigned: the reserved agent
  std::string reason;             ///< rejected: why
  std::uint32_t queue_length = 0; ///< queued: waiting calls of its type, itself included
};

struct waiting_call_info {
  call_id id = 0;
  double wait_s = 0;
};

struct queue_info {
  std::string call_type;
  std::size_t waiting = 0;
  double oldest_wait_s = 0;
  std::vector<waiting_call_info> calls;  ///< oldest first
  call_kpis kpis;                        ///< since the server started, report definitions
};

/// Offered/answered/abandoned in one wall... simulated minute.
struct minute_bucket {
  double start_s = 0;
  std::uint64_t offered = 0, answered = 0, abandoned = 0, rejected = 0;
};

/// Everything a wallboard shows for one tenant.
struct tenant_snapshot {
  tenant_info tenant;
  double now_s = 0;                ///< simulated time
  double service_level_threshold_s = 20;
  double service_level_target = 0.8;
  std::vector<agent_info> agents;
  std::vector<queue_info> queues;
  call_kpis kpis;                  ///< whole tenant, since start
  double occupancy = 0;            ///< busy / logged-in agent-time since start
  std::vector<minute_bucket> minutes;  ///< the last 60 simulated minutes, oldest first
  std::uint64_t version = 0;       ///< grows with every event applied
};

/// One tenant in numbers, without its agents and calls: what /status,
/// /metrics and the alerts need. The same values as the tenant_snapshot
/// taken at the same moment would hold (see kpis_of).
struct tenant_kpis {
  tenant_index tenant = 0;
  std::string name;
  double now_s = 0;                ///< simulated time
  double service_level_threshold_s = 20;
  double service_level_target = 0.8;
  call_kpis kpis;                  ///< whole tenant, since start
  double occupancy = 0;            ///< busy / logged-in agent-time since start
  std::size_t agents = 0;          ///< as tenant_snapshot::agents.size()
  std::size_t waiting = 0;         ///< calls waiting now, all call types
  std::vector<minute_bucket> minutes;  ///< the last 60 simulated minutes, oldest first
  std::uint64_t version = 0;       ///< grows with every event applied
};

/// The tenant_kpis part of a full snapshot.
tenant_kpis kpis_of(const tenant_snapshot& s);

struct latency_summary {
  std::uint64_t count = 0;
  double sum_ms = 0;  ///< exact sum of every latency (Prometheus `_sum`)
  double p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0;
  std::vector<std::pair<double, std::uint64_t>> buckets;  ///< (upper bound ms, cumulative count) for Prometheus
};

struct engine_status {
  double uptime_s = 0;
  double sim_time_s = 0;
  double speed = 1;
  bool paused = false;
  std::size_t tenants = 0;
  std::vector<std::pair<std::string, std::size_t>> agents_by_state;  ///< every state, fixed order
  std::vector<std::pair<std::string, std::size_t>> calls_by_state;   ///< waiting, ringing, talking, wrap_up
  std::uint64_t calls_created = 0;
  latency_summary dispatch_latency;  ///< call accepted -> agent reserved or queued, wall clock
};

/// An agent state the API may ask for.
enum class agent_command : std::uint8_t { login, logout, available, take_break };

struct engine_options {
  double speed = 1.0;      ///< 10: ten simulated seconds per wall second
  unsigned threads = 2;    ///< scheduler threads
  std::uint64_t seed = 1;  ///< for durations of API calls and scenario traffic
};

class engine {
public:
  explicit engine(engine_options opts);
  ~engine();  ///< shutdown() if not done yet
  engine(const engine&) = delete;
  engine& operator=(const engine&) = delete;

  /// Starts every tenant of a scenario with its agents, shifts and arrival
  /// traffic (shift times are relative to now). Fails on a duplicate name.
  result<std::vector<tenant_info>> load_scenario(const scenario& s);

  /// A tenant without traffic: call and agent types from `config`; its
  /// `agents` groups are created as agents (logged in). Name must be unique.
  result<tenant_info> create_tenant(tenant config);
  std::vector<tenant_info> tenants() const;
  /// The definition a tenant runs with (null for an unknown index).
  std::shared_ptr<const tenant> tenant_config(tenant_index t) const;
  /// Break reasons named so far by shifts and the API; the index is the
  /// code events carry.
  std::vector<std::string> break_reasons(tenant_index t) const;
  /// Simulated time now (continuous across speed changes).
  sim_time sim_now() const;
  std::optional<tenant_info> find_tenant(const std::string& name) const;

  /// Creates an agent of `type` (name optional), logged in unless `logged_in` is false.
  void create_agent(tenant_index t, std::string type, std::string name, bool logged_in,
                    callback<agent_info> done);
  /// Moves an agent; illegal moves fail with 409 "illegal_transition".
  /// Breaks and logouts of a busy agent are accepted as pending.
  void command_agent(tenant_index t, agent_id a, agent_command cmd, std::string break_reason,
                     callback<agent_info> done);
  /// Removes an offline agent (409 "agent_busy" otherwise).
  void delete_agent(tenant_index t, agent_id a, callback<bool> done);
  std::vector<agent_info> agents(tenant_index t) const;
  std::optional<agent_info> agent(tenant_index t, agent_id a) const;

  /// A new inbound call, dispatched at once. `talk` overrides the call
  /// type's talk distribution (e.g. for tests); `patience` likewise.
  void create_call(tenant_index t, std::string type, std::optional<double> talk_s,
                   std::optional<double> patience_s, callback<call_created> done);
  /// Cancels a waiting call (409 "not_waiting" if it is not waiting).
  void cancel_call(tenant_index t, call_id c, callback<call_info> done);
  /// Ends a call in conversation now (409 "not_talking" otherwise).
  void end_call(tenant_index t, call_id c, callback<call_info> done);
  /// A call of the last hour (or still in the system).
  std::optional<call_info> call(tenant_index t, call_id c) const;

  tenant_snapshot snapshot(tenant_index t) const;
  /// KPIs and counts of tenant t without copying its agents or calls: for
  /// readers that summarize many tenants (/status, /metrics, alerts).
  tenant_kpis kpis(tenant_index t) const;
  /// Events of tenant t with seq > `after_seq` still in the recent buffer
  /// (the last 1,000), oldest first.
  std::vector<event> recent_events(tenant_index t, std::uint64_t after_seq) const;
  engine_status status() const;

  /// Receives every event batch of every tenant (webhooks, recorders), in
  /// order per tenant, including the final batches shutdown() waits for.
  /// Runs on an actor thread: must not block. Returns a token for unsubscribe.
  std::uint64_t subscribe(std::function<void(tenant_index, const std::vector<event>&)> fn);
  void unsubscribe(std::uint64_t token);

  /// Scenario traffic only: stop/continue arrivals (calls in progress go on).
  void set_paused(bool paused);
  /// Changes the speed factor from now on (simulated time stays continuous).
  result<bool> set_speed(double speed);

  /// Stops arrivals and every actor. Calls in flight stay open in the event
  /// stream (a recorder writes them as in system at the end). Returns once
  /// every tenant's last batch has reached the subscribers, which are then
  /// dropped. Idempotent.
  void shutdown();

  /// Names for display: break reason code -> text, type indices -> names.
  std::string describe_event(tenant_index t, const event& e) const;

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace ccsim::live
