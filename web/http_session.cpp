#include "web/http_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "web/errors.hpp"
#include "web/ws_session.hpp"

namespace ccsim::web {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

http_session::http_session(net::ip::tcp::socket&& socket, std::shared_ptr<session_context> ctx)
    : stream_(std::move(socket)), ctx_(std::move(ctx)) {}

void http_session::run() {
  // The socket was accepted on a strand: start there.
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->do_read(); });
}

void http_session::do_read() {
  parser_.emplace();
  parser_->body_limit(ctx_->opts.max_body_bytes);
  parser_->header_limit(static_cast<std::uint32_t>(ctx_->opts.max_header_bytes));
  // Idle keep-alive connections get the longer timeout; a started request must finish in read_timeout.
  stream_.expires_after(first_request_ ? ctx_->opts.read_timeout : ctx_->opts.keep_alive_timeout);
  first_request_ = false;
  http::async_read_header(stream_, buffer_, *parser_,
                          [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                            self->on_read_header(ec, n);
                          });
}

void http_session::on_read_header(beast::error_code ec, std::size_t) {
  if (ec) return on_read(ec, 0);
  stream_.expires_after(ctx_->opts.read_timeout);
  auto& req = parser_->get();
  version_ = req.version();
  auto expect = req[http::field::expect];
  if (!expect.empty() && beast::iequals(expect, "100-continue") && !parser_->is_done()) {
    auto res = std::make_shared<http::response<http::empty_body>>(http::status::continue_, req.version());
    pending_ = res;
    http::async_write(stream_, *res, [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->on_continue(ec, n);
    });
    return;
  }
  do_read_body();
}

void http_session::on_continue(beast::error_code ec, std::size_t) {
  if (ec) return fail(ec, "continue");
  do_read_body();
}

void http_session::do_read_body() {
  if (parser_->is_done()) return on_read({}, 0);
  http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t n) {
    self->on_read(ec, n);
  });
}

void http_session::on_read(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) return do_close();
  if (ec == beast::error::timeout) return do_close();
  if (ec == http::error::body_limit) {
    return do_write(error_response({413, "body_too_large",
                                    "the body exceeds " + std::to_string(ctx_->opts.max_body_bytes) + " bytes"}),
                    true);
  }
  if (ec == http::error::header_limit) {
    return do_write(error_response({431, "headers_too_large",
                                    "the headers exceed " + std::to_string(ctx_->opts.max_header_bytes) + " bytes"}),
                    true);
  }
  if (ec && ec.category() == http::make_error_code(http::error::bad_method).category() &&
      ec != http::error::partial_message) {
    return do_write(error_response(bad_request("bad_http", "the request is not valid HTTP/1.1: " + ec.message())),
                    true);
  }
  if (ec) return fail(ec, "read");
  dispatch(parser_->release());
}

void http_session::dispatch(http_request&& req) {
  keep_alive_ = req.keep_alive();
  version_ = req.version();
  request r;
  auto target = std::string{req.target()};
  if (!parse_target(target, r.path, r.query))
    return do_write(error_response(bad_request("bad_target", "the request target is not a valid path")), true);

  if (websocket::is_upgrade(req)) {
    if (r.path != "/ws")
      return do_write(error_response(not_found("not_found", "WebSocket upgrades are only served at /ws")), true);
    if (ctx_->shutting_down)
      return do_write(error_response({503, "shutting_down", "the server is shutting down"}), true);
    // The WebSocket takes over the connection; this session ends here.
    stream_.expires_never();
    std::make_shared<ws_session>(stream_.release_socket(), ctx_)->run(std::move(req));
    return;
  }

  r.method = std::string{req.method_string()};
  r.api_key = std::string{req["X-Api-Key"]};
  r.content_type = std::string{req[http::field::content_type]};
  r.body = std::move(req.body());
  auto self = shared_from_this();
  auto executor = stream_.get_executor();
  ctx_->requests_in_flight.fetch_add(1);
  ctx_->rest.handle(std::move(r), [self, executor](response resp) {
    net::post(executor, [self, resp = std::move(resp)]() mutable { self->do_write(std::move(resp), false); });
    self->ctx_->requests_in_flight.fetch_sub(1);
  });
}

void http_session::do_write(response r, bool close) {
  close = close || !keep_alive_ || ctx_->shutting_down;
  auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(r.status), version_);
  res->set(http::field::server, "ccsim");
  if (!r.content_type.empty()) res->set(http::field::content_type, r.content_type);
  for (auto& [k, v] : r.headers) res->set(k, v);
  res->body() = std::move(r.body);
  res->keep_alive(!close);
  res->prepare_payload();
  pending_ = res;
  stream_.expires_after(ctx_->opts.read_timeout);
  http::async_write(stream_, *res, [self = shared_from_this(), close](beast::error_code ec, std::size_t n) {
    self->on_write(close, ec, n);
  });
}

void http_session::on_write(bool close, beast::error_code ec, std::size_t) {
  pending_.reset();
  if (ec) return fail(ec, "write");
  if (close) return do_close();
  do_read();
}

void http_session::do_close() {
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  if (ec) return stream_.close();
  // Read what the client still sends (an unread body after a 413) for a
  // moment: closing with unread data would reset the connection and could
  // destroy our answer before the client reads it.
  stream_.expires_after(std::chrono::seconds(1));
  drain();
}

void http_session::drain() {
  if (drained_ > 4 * 1024 * 1024) return stream_.close();
  stream_.async_read_some(net::buffer(scratch_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
    if (ec) return self->stream_.close();
    self->drained_ += n;
    self->drain();
  });
}

void http_session::fail(beast::error_code, const char*) {
  // Client hang-ups, resets and timeouts are routine; nothing to report,
  // and request data (which may hold keys) is never logged.
  beast::error_code ignored;
  stream_.socket().close(ignored);
}

} // namespace ccsim::web
