#include "store/recorder.hpp"

#include <caf/actor_system.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "store/run_writer.hpp"

namespace ccsim::store {

// ------------------------------------------------------------------- actor

namespace {

event_subscriber::behavior_type recorder_behavior(event_subscriber::pointer self,
                                                  std::shared_ptr<run_writer> w, std::uint32_t job) {
  // Simulated time is the actor clock since the system started; the job's
  // clock has not moved yet when its subscribers are spawned.
  auto* clock = &self->clock();
  auto origin = clock->now();
  self->attach_functor([w, job, clock, origin] {
    w->end_job(job, std::chrono::duration_cast<sim_time>(clock->now() - origin));
  });
  return {
    [w, job](const event_batch& batch) { w->push(job, batch.events); },
  };
}

} // namespace

// ------------------------------------------------------------------- recorder

recorder::recorder(const std::filesystem::path& db, const scenario& s, run_settings settings,
                   recorder_options opts)
  : writer_(std::make_shared<run_writer>(db, s, std::move(settings), opts)) {}

recorder::~recorder() {
  if (writer_) writer_->abandon();
}

std::int64_t recorder::run_id() const { return writer_->run_id; }
const std::string& recorder::file() const { return writer_->file(); }
void recorder::watch_cancel(std::atomic<bool>* flag) { writer_->cancel = flag; }
bool recorder::failed() const { return writer_->failed.load(); }
std::string recorder::failure() const { return writer_->failure(); }
std::uint64_t recorder::calls_written() const { return writer_->calls_written.load(); }
std::uint64_t recorder::agent_events_written() const { return writer_->agents_written.load(); }

event_subscriber recorder::spawn_subscriber(caf::actor_system& sys, unsigned replication,
                                            tenant_index tenant) {
  return sys.spawn(recorder_behavior, writer_, writer_->job_index(replication, tenant));
}

std::function<std::vector<event_subscriber>(caf::actor_system&, unsigned, tenant_index)>
recorder::subscribers() {
  return [this](caf::actor_system& sys, unsigned replication, tenant_index tenant) {
    return std::vector<event_subscriber>{spawn_subscriber(sys, replication, tenant)};
  };
}

void recorder::finish(run_state status, const std::string& detail, const std::string& report_json,
                      double wall_seconds) {
  writer_->finish(status, detail, report_json, wall_seconds);
}

} // namespace ccsim::store
