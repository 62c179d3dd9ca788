#pragma once
// Progress on stderr for long runs: simulated time reached, calls so far,
// calls per second and an ETA. Only when stderr is a terminal, only after
// the run has taken a couple of seconds, and never with --quiet.
#include <atomic>
#include <chrono>
#include <thread>

#include "domain/scenario.hpp"
#include "sim/runner.hpp"

namespace ccsim::app {

class progress_display {
public:
  progress_display(const scenario& s, run_status& status, bool enabled);
  ~progress_display();  ///< stops the display thread and clears the line
  progress_display(const progress_display&) = delete;
  progress_display& operator=(const progress_display&) = delete;

private:
  void loop();
  void print_line(std::chrono::steady_clock::time_point started);

  const scenario& scenario_;
  run_status& status_;
  std::atomic<bool> stop_{false};
  bool printed_ = false;
  std::thread thread_;
};

} // namespace ccsim::app
