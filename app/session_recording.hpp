#pragma once
// The recording of one `ccsim serve` session into SQLite: the live
// engine's event stream goes to a store::live_recorder; at shutdown every
// call still in flight is written as in system at the end, and the session
// is stored with a scenario text describing every tenant as it ran, so
// `ccsim report --run N` rebuilds it like any scenario run.
#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "domain/scenario.hpp"
#include "web/recording_state.hpp"

namespace ccsim::live {
class engine;
}
namespace ccsim::store {
class live_recorder;
}

namespace ccsim::app {

class session_recording {
public:
  /// Opens `db` and subscribes to `engine` (before any tenant starts, so no
  /// event is missed). `served`: the scenario file being served, if any.
  /// Prints the error and returns nullptr if the database cannot be used.
  static std::unique_ptr<session_recording> start(const std::string& db, live::engine& engine,
                                                  const std::optional<scenario>& served,
                                                  const std::string& scenario_path, std::uint64_t seed,
                                                  std::string options);
  ~session_recording();

  std::int64_t run_id() const;
  const std::string& file() const;
  /// For /status and /metrics; thread-safe.
  web::recording_state state() const;

  /// After engine.shutdown(): writes the calls in flight and marks the run
  /// completed (or failed, if writing failed on the way). `stopped_at`: the
  /// simulated time the stop began (taken before the shutdown, which takes
  /// a moment of wall time, i.e. many simulated seconds at a high speed).
  /// Prints what it did.
  void finish(const std::string& why, double wall_s, sim_time stopped_at);

private:
  /// Shared with the engine's subscription, which may still be running on
  /// an actor thread when an early return destroys this object.
  struct feed {
    ~feed();  // where live_recorder is complete
    std::unique_ptr<store::live_recorder> recorder;
    std::atomic<bool> warned{false};
  };

  session_recording(live::engine& engine, const std::optional<scenario>& served);

  live::engine& engine_;
  std::string name_;
  sim_duration start_of_day_{0};
  std::uint64_t seed_ = 1;
  std::shared_ptr<feed> feed_;
  std::uint64_t token_ = 0;
};

} // namespace ccsim::app
