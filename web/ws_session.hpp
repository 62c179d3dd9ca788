#pragma once
// One wallboard connection. Lifecycle: run (handshake) -> auth (query
// parameters, or the first message within 5 s) -> join the hub -> frames
// from the hub are queued (capped) and written one at a time.
//
// A slow client never slows anyone else: the hub only posts to this
// session's strand. When the queue is full, the pending updates are
// dropped and the next frame is a fresh snapshot (resync); a client that
// overflows again and again, or has one frame in flight too long, is closed
// with a close frame ("too slow").
#include <chrono>
#include <deque>
#include <memory>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "web/hub.hpp"
#include "web/session_context.hpp"

namespace ccsim::web {

class ws_session : public hub_client, public std::enable_shared_from_this<ws_session> {
public:
  ws_session(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<session_context> ctx);
  ~ws_session() override;

  /// Completes the handshake for an upgrade request that was already read.
  void run(boost::beast::http::request<boost::beast::http::string_body>&& req);

  void deliver(frame f, bool is_snapshot) override;
  void close_for_shutdown() override;

private:
  void on_accept(boost::beast::error_code ec);
  void do_read();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void on_auth_message(const std::string& text);
  void authenticate(const std::string& tenant, const std::string& key);
  void enqueue(frame f, bool is_snapshot);
  void do_write();
  void on_write(boost::beast::error_code ec, std::size_t bytes);
  /// Sends {"type":"error",...} after what is in flight, then closes.
  void refuse(const std::string& code, const std::string& detail);
  void do_close(boost::beast::websocket::close_code code, const std::string& reason);
  void on_close(boost::beast::error_code ec);
  void close_slow(const std::string& why);
  void fail(boost::beast::error_code ec, const char* what);

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<session_context> ctx_;
  boost::asio::steady_timer auth_timer_;
  boost::asio::steady_timer close_timer_;
  std::string query_tenant_, query_key_;
  bool query_auth_ = false;

  struct queued {
    frame data;
    bool snapshot;
  };
  std::deque<queued> queue_;  ///< front is in flight while writing_
  bool writing_ = false;
  bool authed_ = false;
  bool joined_ = false;
  bool closing_ = false;           ///< no more frames taken
  bool close_after_drain_ = false; ///< close once the queue is written
  bool close_started_ = false;
  bool counted_ = false;           ///< counted in ws_connected
  bool awaiting_resync_ = false;   ///< dropped updates; wait for a snapshot
  boost::beast::websocket::close_code drain_code_ = boost::beast::websocket::close_code::normal;
  std::string drain_reason_;
  int overflows_ = 0;
  std::chrono::steady_clock::time_point write_started_{};
};

} // namespace ccsim::web
