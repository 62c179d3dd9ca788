#pragma once
// The HTTP client behind webhooks: POSTs over plain HTTP/1.1 on its own
// thread and io_context, one connection per delivery, every step bounded by
// a timeout. Beast stays inside webhook_client.cpp.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ccsim::web {

/// "http://host:port/path" taken apart; only plain http (no TLS in the stack).
struct http_url {
  std::string host;
  std::string port = "80";
  std::string target = "/";  ///< path and query
};
/// nullopt (and `error` set) for anything but a well-formed http:// URL.
std::optional<http_url> parse_http_url(const std::string& url, std::string& error);

class webhook_client {
public:
  using headers = std::vector<std::pair<std::string, std::string>>;
  /// Receives "" for a 2xx answer, else what went wrong.
  using completion = std::function<void(std::string error)>;

  webhook_client();
  ~webhook_client();  ///< stop()
  webhook_client(const webhook_client&) = delete;
  webhook_client& operator=(const webhook_client&) = delete;

  /// Sends one POST; `done` runs once on the client's thread, or never if
  /// stop() comes first (callers account for what is still in flight).
  void post(const http_url& url, std::string body, headers extra, std::chrono::milliseconds timeout,
            completion done);
  /// Runs `fn` on the client's thread after `delay` (not at all after stop()).
  void after(std::chrono::milliseconds delay, std::function<void()> fn);
  /// Runs `fn` on the client's thread as soon as possible.
  void post_task(std::function<void()> fn);
  /// Cancels everything in flight and joins the thread. Idempotent.
  void stop();

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace ccsim::web
