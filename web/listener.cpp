#include "web/listener.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>

#include "web/http_session.hpp"

namespace ccsim::web {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

listener::listener(net::io_context& ioc, const tcp::endpoint& endpoint, std::shared_ptr<session_context> ctx,
                   beast::error_code& ec, std::string& what)
    : ioc_(ioc), acceptor_(net::make_strand(ioc)), ctx_(std::move(ctx)) {
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) {
    what = "open";
    return;
  }
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) {
    what = "set_option";
    return;
  }
  acceptor_.bind(endpoint, ec);
  if (ec) {
    what = "bind";
    return;
  }
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    what = "listen";
    return;
  }
  port_ = acceptor_.local_endpoint(ec).port();
}

void listener::run() { do_accept(); }

void listener::stop() {
  net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] {
    beast::error_code ec;
    self->acceptor_.close(ec);
  });
}

void listener::do_accept() {
  // Each connection gets its own strand: its handlers never run concurrently.
  acceptor_.async_accept(net::make_strand(ioc_), [self = shared_from_this()](beast::error_code ec, tcp::socket s) {
    self->on_accept(ec, std::move(s));
  });
}

void listener::on_accept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;  // stopped
  if (!ec && !ctx_->shutting_down) {
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    std::make_shared<http_session>(std::move(socket), ctx_)->run();
  }
  // Errors such as "too many open files" must not end accepting for good.
  do_accept();
}

} // namespace ccsim::web
