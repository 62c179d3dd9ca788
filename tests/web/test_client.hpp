#pragma once
// Real clients for the integration tests, on 127.0.0.1 only: HTTP, raw
// bytes, WebSocket, and a webhook receiver. Every call is bounded by a
// timeout (a blocked call returns a failure instead of hanging the test);
// Beast stays inside test_client.cpp.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace ccsim::web::test {

using namespace std::chrono_literals;

struct http_reply {
  int status = 0;  ///< 0: no answer (connection failed or timed out)
  std::string body;
  std::map<std::string, std::string> headers;  ///< lower-case names
  std::string error;                           ///< why status is 0
  boost::json::value json() const;             ///< the body parsed (null if not JSON)
};

/// One request on a fresh connection.
http_reply http_call(std::uint16_t port, const std::string& method, const std::string& target,
                     const std::string& body = "", const std::string& key = "",
                     const std::map<std::string, std::string>& headers = {},
                     std::chrono::milliseconds timeout = 5s);

/// Sends raw bytes, then reads until the server closes or `timeout`; returns what came back.
std::string raw_exchange(std::uint16_t port, const std::string& bytes, std::chrono::milliseconds timeout = 3s);

struct ws_options {
  int receive_buffer_bytes = 0;  ///< SO_RCVBUF before connecting (0: default)
  std::map<std::string, std::string> headers;
};

class ws_client {
public:
  using options = ws_options;
  ws_client(std::uint16_t port, const std::string& target, options opts = {});
  ~ws_client();
  ws_client(const ws_client&) = delete;
  ws_client& operator=(const ws_client&) = delete;

  bool connected() const;
  const std::string& error() const;
  /// The next text message; nullopt on timeout or when the connection ended.
  std::optional<std::string> read(std::chrono::milliseconds timeout = 3s);
  /// The next message parsed as JSON (null on timeout/close).
  boost::json::value read_json(std::chrono::milliseconds timeout = 3s);
  bool send(const std::string& text, std::chrono::milliseconds timeout = 3s);
  /// True once the server's close frame arrived (read() returned nullopt for it).
  bool closed_by_server() const;
  int close_code() const;  ///< the code of that close frame
  std::string close_reason() const;

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// A loopback HTTP server that records every request and answers with the
/// status `respond` chooses (called with the 0-based request number).
class webhook_receiver {
public:
  struct received {
    std::string target;
    std::string body;
    std::map<std::string, std::string> headers;  ///< lower-case names
  };
  explicit webhook_receiver(std::function<int(std::size_t)> respond = [](std::size_t) { return 200; });
  ~webhook_receiver();
  std::uint16_t port() const;
  std::vector<received> requests() const;
  /// Waits until at least `n` requests arrived; false on timeout.
  bool wait_for(std::size_t n, std::chrono::milliseconds timeout = 5s) const;

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace ccsim::web::test
