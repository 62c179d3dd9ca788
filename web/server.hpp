#pragma once
// The HTTP/WebSocket server of `ccsim serve`, on top of the live engine.
// Beast, Asio and the sessions stay behind this interface.
//
//   listener --accept, one strand per connection--> http_session --REST--> api --> live::engine
//                                                      `--/ws upgrade--> ws_session <--frames-- hub
//   engine events --> webhook_service --> webhook_client (own thread)
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "live/engine.hpp"
#include "web/alerts.hpp"
#include "web/recording_state.hpp"
#include "web/session_context.hpp"
#include "web/webhooks.hpp"

namespace ccsim::web {

class api;
class key_store;
class server_stats;

struct server_options {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;  ///< 0: an ephemeral port (see port())
  unsigned threads = 2;       ///< Asio threads
  std::string admin_key;      ///< required: at least 16 characters
  std::string ui_dir;         ///< "": default_ui_dir()
  double updates_per_second = 4;
  alert_bounds alerts;
  session_options sessions;
  webhook_options webhooks;
  std::chrono::milliseconds webhook_drain{2000};  ///< at shutdown
  recording_probe recording;  ///< the session's SQLite recording, for /status and /metrics (none: not recorded)
};

/// The source tree's web/ui (compile definition) if it exists, else "ui"
/// next to the running binary.
std::string default_ui_dir();

class server {
public:
  server(live::engine& engine, server_options opts);
  ~server();  ///< shutdown()
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// Binds, listens and starts the threads; the error text on failure.
  std::optional<std::string> start();
  std::uint16_t port() const;
  /// "http://127.0.0.1:8080"
  std::string url() const;

  /// Stops taking connections (the first step of a shutdown).
  void stop_accepting();
  /// Sends every WebSocket client a final update and a close frame, drains
  /// the webhook queues (bounded), then stops all threads. Idempotent.
  void shutdown();

  const api& rest() const;
  key_store& keys();
  server_stats& stats();
  webhook_service& webhooks();

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace ccsim::web
