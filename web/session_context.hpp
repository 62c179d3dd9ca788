#pragma once
// What every HTTP and WebSocket session shares: the REST API, the hub, the
// counters and the limits. Owned by the server, held by sessions through a
// shared_ptr so a late completion handler never sees it destroyed.
#include <atomic>
#include <chrono>
#include <cstddef>

#include "live/engine.hpp"
#include "web/api.hpp"
#include "web/hub.hpp"
#include "web/key_store.hpp"
#include "web/server_stats.hpp"

namespace ccsim::web {

struct session_options {
  std::size_t max_body_bytes = 1 << 20;          ///< larger bodies: 413
  std::size_t max_header_bytes = 16 * 1024;      ///< larger headers: 431
  std::chrono::seconds read_timeout{30};         ///< a whole request, from its first byte
  std::chrono::seconds keep_alive_timeout{60};   ///< idle between requests
  std::size_t ws_max_queue = 16;                 ///< frames waiting per WebSocket client
  int ws_max_overflows = 3;                      ///< overflows in a row before "too slow"
  std::chrono::milliseconds ws_stall_timeout{10000};  ///< one frame this long in flight: too slow
  std::chrono::milliseconds ws_auth_timeout{5000};    ///< to send the auth message
  std::chrono::milliseconds ws_close_timeout{2000};   ///< for the close handshake
  std::size_t ws_send_buffer_bytes = 0;  ///< kernel send buffer per client; 0: the OS default
};

struct session_context {
  const api& rest;
  hub& stream;
  server_stats& stats;
  const key_store& keys;
  const live::engine& engine;
  session_options opts;
  std::atomic<bool> shutting_down{false};
  /// REST requests handed to the API and not yet answered; the server waits
  /// for them before it stops, so no engine callback outlives the sessions.
  std::atomic<int> requests_in_flight{0};

  session_context(const api& a, hub& h, server_stats& s, const key_store& k, const live::engine& e, session_options o)
      : rest(a), stream(h), stats(s), keys(k), engine(e), opts(o) {}
};

} // namespace ccsim::web
