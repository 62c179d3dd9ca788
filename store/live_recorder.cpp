#include "store/live_recorder.hpp"

#include "store/run_writer.hpp"

namespace ccsim::store {

namespace {

/// The writer's view of a session at its start: a name and no tenants yet.
scenario empty_session(std::string name) {
  scenario s;
  s.name = std::move(name);
  return s;
}

} // namespace

scenario session_scenario(std::string name, std::uint64_t seed, sim_duration start_of_day, sim_time end,
                          std::vector<tenant> tenants) {
  scenario s;
  s.name = std::move(name);
  s.seed = seed;
  s.start_of_day = start_of_day;
  s.horizon = end;
  s.live_session = true;
  for (auto& t : tenants) {
    for (auto& c : t.call_types)
      if (c.arrivals.segments.empty()) c.arrivals = arrival_profile::constant(0);
    std::erase_if(t.agents, [](const agent_group& g) { return g.count == 0; });  // agents came via the API
  }
  s.tenants = std::move(tenants);
  return s;
}

live_recorder::live_recorder(const std::filesystem::path& db, std::string session_name, run_settings settings,
                             tenant_lookup lookup, recorder_options opts)
  : writer_(std::make_shared<run_writer>(db, empty_session(std::move(session_name)), std::move(settings), opts)),
    lookup_(std::move(lookup)) {}

live_recorder::~live_recorder() {
  if (writer_) writer_->abandon();
}

std::int64_t live_recorder::run_id() const { return writer_->run_id; }
const std::string& live_recorder::file() const { return writer_->file(); }
bool live_recorder::failed() const { return writer_->failed.load(); }
std::string live_recorder::failure() const { return writer_->failure(); }
std::uint64_t live_recorder::calls_written() const { return writer_->calls_written.load(); }

std::uint32_t live_recorder::job_of(tenant_index t) {
  // The lock also orders add_job before the tenant's first push: a job's
  // row exists before the writer sees its events.
  std::lock_guard<std::mutex> guard{mtx_};
  if (auto it = jobs_.find(t); it != jobs_.end()) return it->second;
  auto job = writer_->add_job(t, lookup_(t));
  jobs_.emplace(t, job);
  return job;
}

void live_recorder::on_events(tenant_index t, const std::vector<event>& batch) {
  if (batch.empty() || writer_->failed.load()) return;
  auto job = job_of(t);
  writer_->try_push(job, std::make_shared<const std::vector<event>>(batch));
}

void live_recorder::finish(const closing& c) {
  for (std::size_t i = 0; i < c.tenants; ++i) {
    auto t = static_cast<tenant_index>(i);
    auto job = job_of(t);
    if (c.break_reasons) writer_->name_break_reasons(job, c.break_reasons(t));
    writer_->end_job(job, c.end);
  }
  writer_->set_scenario(c.scenario_name, c.scenario_text);  // empty: a session no scenario can describe
  writer_->finish(c.status, c.detail, {}, c.wall_s);
}

} // namespace ccsim::store
