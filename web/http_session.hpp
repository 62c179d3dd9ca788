#pragma once
// One HTTP/1.1 connection: read a request (size and time bounded), hand it
// to the REST API, write the answer, repeat while keep-alive. An Upgrade
// request for /ws becomes a ws_session. Runs on its connection's strand;
// the API may answer from an engine thread, so answers are posted back.
#include <array>
#include <memory>
#include <optional>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "web/http_types.hpp"
#include "web/session_context.hpp"

namespace ccsim::web {

class http_session : public std::enable_shared_from_this<http_session> {
public:
  http_session(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<session_context> ctx);
  void run();

private:
  using http_request = boost::beast::http::request<boost::beast::http::string_body>;

  void do_read();
  void on_read_header(boost::beast::error_code ec, std::size_t bytes);
  void on_continue(boost::beast::error_code ec, std::size_t bytes);
  void do_read_body();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void dispatch(http_request&& req);
  void do_write(response r, bool close);
  void on_write(bool close, boost::beast::error_code ec, std::size_t bytes);
  void do_close();
  void drain();
  void fail(boost::beast::error_code ec, const char* what);

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::shared_ptr<session_context> ctx_;
  std::shared_ptr<void> pending_;  ///< the response being written
  unsigned version_ = 11;
  bool keep_alive_ = true;
  bool first_request_ = true;
  std::array<char, 4096> scratch_{};
  std::size_t drained_ = 0;
};

} // namespace ccsim::web
