#pragma once
// Who is recording, and is that process still there? A run left `running`
// by a process that died (kill -9, a crash, a power cut) must show up as
// interrupted; the pid alone is not enough, since pids are reused, so the
// process start time (from /proc) is stored with it.
#include <cstdint>
#include <string>

namespace ccsim::store {

struct process_identity {
  std::string host;
  std::int64_t pid = 0;
  std::int64_t start_ticks = 0;  ///< start time in clock ticks since boot; 0 if unknown
};

process_identity current_process();

/// True if the process runs on this host and is the same one (pid and start time).
bool is_alive_here(const process_identity& p);

/// "2024-05-01T12:34:56.789Z"
std::string utc_now_iso();

} // namespace ccsim::store
