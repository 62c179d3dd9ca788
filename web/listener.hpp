#pragma once
// Accepts connections, each on its own strand, and starts an http_session.
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>

#include "web/session_context.hpp"

namespace ccsim::web {

class listener : public std::enable_shared_from_this<listener> {
public:
  /// Opens, binds and listens; `ec` says why not.
  listener(boost::asio::io_context& ioc, const boost::asio::ip::tcp::endpoint& endpoint,
           std::shared_ptr<session_context> ctx, boost::beast::error_code& ec, std::string& what);
  void run();
  /// Closes the acceptor (thread-safe: posted to the listener's strand).
  void stop();
  std::uint16_t port() const { return port_; }

private:
  void do_accept();
  void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::shared_ptr<session_context> ctx_;
  std::uint16_t port_ = 0;
};

} // namespace ccsim::web
