#pragma once
// Folds one tenant's event stream into records: a call detail record when a
// call ends, an agent_change per state change, and queue movements for the
// interval tallies. It holds state only for calls still in the system.
//
// The agent state changes that frame a call (available -> reserved ->
// on_call at the answer, on_call -> next state right after the end) are
// bundled into the call's record when they follow the usual pattern; they
// still reach the sink, marked as bundled, so tallies see every change.
// Anything unusual is passed on as a change of its own.
//
// The recorder runs it on live events; `ccsim report` runs it on events
// rebuilt from the database, so both sides produce the same records and
// the same interval rows by construction.
#include <optional>
#include <unordered_map>
#include <vector>

#include "domain/event.hpp"
#include "store/call_record.hpp"

namespace ccsim::store {

/// Receives what the assembler makes of the events.
class record_sink {
public:
  virtual ~record_sink() = default;
  virtual void call_arrived(const call_record& c) = 0;  ///< partial: identity and arrival only
  virtual void call_finished(const call_record& c) = 0;
  virtual void queue_changed(sim_time at, call_type_index type, int delta) = 0;
  virtual void requeued(const requeue_record& r) = 0;
  /// Every agent state change, in order. `bundled`: its call's record
  /// stands for it (it needs no row).
  virtual void agent_changed(const agent_change& a, bool bundled) = 0;
  /// A change passed on as bundled that needs a row after all (its call
  /// stayed open across a commit, or the pattern broke later).
  virtual void agent_unbundled(const agent_change& a) = 0;
};

class call_assembler {
public:
  explicit call_assembler(record_sink& sink) : sink_(sink) {}

  void on(const event& e);
  /// Before a commit: everything held back is passed on, and open calls
  /// give up their bundled changes, so what is committed up to the last
  /// event is complete on its own (a crash right after loses nothing).
  void checkpoint();
  /// The run is over: every call still open becomes an in_system record,
  /// in arrival order.
  void finish();
  std::size_t open_calls() const { return open_.size(); }

private:
  struct open_call {
    call_record rec;
    bool in_queue = false;
    sim_time answer_at{0};
  };
  void on_agent(const event& e);
  void release_held();
  void release_ended();
  void unbundle_answer(call_record& r, sim_time at);

  record_sink& sink_;
  std::unordered_map<call_id, open_call> open_;
  std::vector<agent_change> held_;       // a possible answer pair, waiting for call_answered
  std::optional<call_record> ended_;     // waiting for the agent's next change
  sim_time ended_at_{0};
};

} // namespace ccsim::store
