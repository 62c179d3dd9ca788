#pragma once
// What /status and /metrics say about the session's recording into SQLite.
// web/ knows nothing of the store: the app hands the server a function that
// reads the recorder's state (cheap, thread-safe).
#include <cstdint>
#include <functional>
#include <string>

namespace ccsim::web {

struct recording_state {
  bool enabled = false;          ///< false with --no-db
  std::int64_t run_id = 0;
  std::string file;              ///< shown to the admin key only
  bool failed = false;           ///< writing stopped; the server goes on without it
  std::string failure;           ///< why (shown to the admin key only)
  std::uint64_t calls_written = 0;  ///< call records committed so far
};

using recording_probe = std::function<recording_state()>;

} // namespace ccsim::web
