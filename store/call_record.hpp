#pragma once
// What the recorder writes, in domain terms: one record per call (the call
// detail record), agent state changes, and the rare extra queue entries of
// a call whose agent refused it. Each keeps the sequence numbers of the
// events it stands for, so the event stream can be rebuilt in its exact
// order and replayed through the same tenant_stats as the live run.
#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/event.hpp"

namespace ccsim::store {

enum class call_outcome : std::uint8_t {
  answered,   ///< talk ended
  abandoned,  ///< the caller hung up while waiting
  rejected,   ///< turned away (see reject_reason)
  in_system,  ///< still waiting or talking when the run ended
};
inline constexpr int call_outcome_count = 4;
std::string_view to_string(call_outcome o);

enum class call_direction : std::uint8_t { inbound, outbound };
std::string_view to_string(call_direction d);

struct call_record {
  std::uint64_t seq = 0;  ///< of the call_arrived event
  call_id call = 0;
  call_type_index type = 0;
  call_direction direction = call_direction::inbound;
  bool counted = true;
  sim_time arrived{0};
  call_outcome outcome = call_outcome::in_system;
  reject_reason reason = reject_reason::none;
  qualification result = qualification::none;
  agent_id agent = no_agent;  ///< the agent who answered
  agent_type_index agent_type = 0;
  std::optional<sim_duration> queued;    ///< arrival -> first queue entry
  std::optional<sim_duration> dequeued;  ///< first queue entry -> an agent took it
  std::optional<sim_duration> wait;      ///< arrival -> answer, abandon or rejection
  std::optional<sim_duration> talk;
  std::optional<sim_duration> wrap;
  std::optional<std::uint64_t> queued_dseq;    ///< event seq - seq
  std::optional<std::uint64_t> dequeued_dseq;
  std::optional<std::uint64_t> answer_dseq;    ///< of call_answered
  std::optional<std::uint64_t> last_dseq;      ///< of its end
  /// Agent state changes this record stands for (bundle_* bits), so they
  /// need no row of their own: most agent changes are the answer and the
  /// end of a call, and writing them once instead of twice halves the
  /// recorder's work.
  std::uint8_t bundled = 0;
  agent_state end_to = agent_state::offline;  ///< with bundle_end: the agent's state after the call

  bool answered_by_agent() const { return agent != no_agent; }
};

/// The agent went available -> reserved (seq answer - 2) -> on_call
/// (answer - 1) at the answer time.
inline constexpr std::uint8_t bundle_answer = 1;
/// The agent left on_call for `end_to` right after the call ended (seq end + 1, at the end time).
inline constexpr std::uint8_t bundle_end = 2;

/// A queue entry (or exit to an agent) after the call's first one.
struct requeue_record {
  std::uint64_t seq = 0;
  std::uint64_t call_seq = 0;
  bool entered = true;
  sim_time at{0};
};

struct agent_change {
  std::uint64_t seq = 0;
  sim_time at{0};
  agent_id agent = 0;
  agent_type_index agent_type = 0;
  agent_state from = agent_state::offline;
  agent_state to = agent_state::offline;
  std::uint8_t reason = 0;  ///< break reason code
};

} // namespace ccsim::store
