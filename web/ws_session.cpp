#include "web/ws_session.hpp"

#include <boost/asio/post.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/json/parse.hpp>

#include "web/stream_messages.hpp"

namespace ccsim::web {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace json = boost::json;

ws_session::ws_session(net::ip::tcp::socket&& socket, std::shared_ptr<session_context> ctx)
    : ws_(std::move(socket)),
      ctx_(std::move(ctx)),
      auth_timer_(ws_.get_executor()),
      close_timer_(ws_.get_executor()) {}

ws_session::~ws_session() {
  if (joined_) ctx_->stream.leave(this);
  if (counted_) ctx_->stats.ws_connected.fetch_sub(1);
}

void ws_session::run(http::request<http::string_body>&& req) {
  request parsed;
  if (parse_target(std::string{req.target()}, parsed.path, parsed.query)) {
    auto t = parsed.query.find("tenant");
    auto k = parsed.query.find("key");
    if (t != parsed.query.end() && k != parsed.query.end()) {
      query_tenant_ = t->second;
      query_key_ = k->second;
      query_auth_ = true;
    }
  }
  // A header key is accepted too (non-browser clients can send one).
  if (!query_auth_ && !req["X-Api-Key"].empty() && parsed.query.count("tenant")) {
    query_tenant_ = parsed.query["tenant"];
    query_key_ = std::string{req["X-Api-Key"]};
    query_auth_ = true;
  }
  if (ctx_->opts.ws_send_buffer_bytes > 0) {
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().set_option(
        net::socket_base::send_buffer_size(static_cast<int>(ctx_->opts.ws_send_buffer_bytes)), ignored);
  }
  ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "ccsim"); }));
  ws_.read_message_max(64 * 1024);
  ws_.async_accept(req, [self = shared_from_this()](beast::error_code ec) { self->on_accept(ec); });
}

void ws_session::on_accept(beast::error_code ec) {
  if (ec) return fail(ec, "accept");
  counted_ = true;
  ctx_->stats.ws_connected.fetch_add(1);
  ctx_->stats.ws_accepted.fetch_add(1);
  if (ctx_->shutting_down) return do_close(websocket::close_code::going_away, "server shutting down");
  if (query_auth_) {
    authenticate(query_tenant_, query_key_);
  } else {
    auth_timer_.expires_after(ctx_->opts.ws_auth_timeout);
    auth_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || self->authed_ || self->closing_) return;
      self->ctx_->stats.ws_auth_failed.fetch_add(1);
      self->refuse("auth_timeout", "send {\"type\":\"auth\",\"tenant\":...,\"key\":...} within 5 s of connecting");
    });
  }
  do_read();
}

void ws_session::do_read() {
  ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t n) { self->on_read(ec, n); });
}

void ws_session::on_read(beast::error_code ec, std::size_t) {
  if (ec) return fail(ec, "read");
  auto text = beast::buffers_to_string(buffer_.data());
  buffer_.consume(buffer_.size());
  if (!authed_ && !closing_) on_auth_message(text);
  // After auth, client messages carry nothing we need; they are read (so
  // pings and the close handshake work) and ignored.
  do_read();
}

void ws_session::on_auth_message(const std::string& text) {
  json::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return refuse("bad_request", "the first message must be a JSON object");
  auto& o = v.as_object();
  auto* type = o.if_contains("type");
  auto* tenant = o.if_contains("tenant");
  auto* key = o.if_contains("key");
  if (!type || !type->is_string() || type->as_string() != "auth")
    return refuse("bad_request", "the first message must be {\"type\":\"auth\",\"tenant\":...,\"key\":...}");
  if (!tenant || !tenant->is_string() || !key || !key->is_string())
    return refuse("bad_request", "the auth message needs \"tenant\" and \"key\" strings");
  authenticate(std::string{tenant->as_string()}, std::string{key->as_string()});
}

void ws_session::authenticate(const std::string& tenant, const std::string& key) {
  auth_timer_.cancel();
  auto result = authorize_tenant(ctx_->keys, ctx_->engine, key, tenant);
  if (auto* e = std::get_if<api_error>(&result)) {
    ctx_->stats.ws_auth_failed.fetch_add(1);
    return refuse(e->code, e->detail);
  }
  authed_ = true;
  auto& info = std::get<live::tenant_info>(result);
  joined_ = true;
  ctx_->stream.join(info.id, info.name, shared_from_this());
}

void ws_session::deliver(frame f, bool is_snapshot) {
  net::post(ws_.get_executor(),
            [self = shared_from_this(), f = std::move(f), is_snapshot] { self->enqueue(f, is_snapshot); });
}

void ws_session::close_for_shutdown() {
  net::post(ws_.get_executor(), [self = shared_from_this()] {
    if (self->closing_) return;
    self->closing_ = true;
    // Let what is queued (the final update) go out, then close.
    self->close_after_drain_ = true;
    self->drain_code_ = websocket::close_code::going_away;
    self->drain_reason_ = "server shutting down";
    if (!self->writing_) self->do_close(self->drain_code_, self->drain_reason_);
  });
}

void ws_session::enqueue(frame f, bool is_snapshot) {
  if (closing_ || !f) return;
  auto now = std::chrono::steady_clock::now();
  if (writing_ && now - write_started_ > ctx_->opts.ws_stall_timeout)
    return close_slow("one message was in flight for too long");
  auto pending_begin = queue_.begin() + (writing_ ? 1 : 0);
  if (is_snapshot) {
    queue_.erase(pending_begin, queue_.end());  // a snapshot supersedes every pending update
    awaiting_resync_ = false;
  } else if (awaiting_resync_) {
    return;  // updates are diffs against frames this client never got
  } else if (queue_.size() >= ctx_->opts.ws_max_queue) {
    ctx_->stats.ws_resyncs.fetch_add(1);
    if (++overflows_ > ctx_->opts.ws_max_overflows) return close_slow("fell behind too often");
    queue_.erase(pending_begin, queue_.end());
    awaiting_resync_ = true;
    wants_snapshot.store(true);
    return;
  }
  queue_.push_back({std::move(f), is_snapshot});
  if (!writing_) do_write();
}

void ws_session::do_write() {
  if (queue_.empty()) return;
  writing_ = true;
  write_started_ = std::chrono::steady_clock::now();
  ws_.text(true);
  ws_.async_write(net::buffer(*queue_.front().data),
                  [self = shared_from_this()](beast::error_code ec, std::size_t n) { self->on_write(ec, n); });
}

void ws_session::on_write(beast::error_code ec, std::size_t) {
  writing_ = false;
  if (ec) return fail(ec, "write");
  ctx_->stats.ws_frames_sent.fetch_add(1, std::memory_order_relaxed);
  if (!queue_.empty()) queue_.pop_front();
  if (!queue_.empty()) return do_write();
  overflows_ = 0;  // caught up
  if (close_after_drain_) do_close(drain_code_, drain_reason_);
}

void ws_session::refuse(const std::string& code, const std::string& detail) {
  if (closing_) return;
  closing_ = true;
  auth_timer_.cancel();
  queue_.erase(queue_.begin() + (writing_ ? 1 : 0), queue_.end());
  queue_.push_back({std::make_shared<const std::string>(error_message(code, detail)), false});
  close_after_drain_ = true;
  drain_code_ = websocket::close_code::policy_error;
  drain_reason_ = code;
  if (!writing_) do_write();
}

void ws_session::close_slow(const std::string&) {
  ctx_->stats.ws_closed_slow.fetch_add(1);
  closing_ = true;
  queue_.erase(queue_.begin() + (writing_ ? 1 : 0), queue_.end());
  // The close frame waits behind the frame in flight; the deadline in
  // do_close ends the connection if the client never reads it.
  do_close(websocket::close_code::try_again_later, "too slow");
}

void ws_session::do_close(websocket::close_code code, const std::string& reason) {
  if (close_started_) return;
  close_started_ = true;
  closing_ = true;
  close_after_drain_ = false;
  if (joined_) {
    ctx_->stream.leave(this);
    joined_ = false;
  }
  close_timer_.expires_after(ctx_->opts.ws_close_timeout);
  close_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (ec) return;
    beast::get_lowest_layer(self->ws_).close();  // the client never answered the close frame
  });
  ws_.async_close(websocket::close_reason(code, reason),
                  [self = shared_from_this()](beast::error_code ec) { self->on_close(ec); });
}

void ws_session::on_close(beast::error_code) {
  // The read loop ends with "closed" once the client answers; the socket
  // is closed by Beast then. Nothing else to do.
  close_timer_.cancel();
}

void ws_session::fail(beast::error_code, const char*) {
  closing_ = true;
  auth_timer_.cancel();
  if (joined_) {
    ctx_->stream.leave(this);
    joined_ = false;
  }
}

} // namespace ccsim::web
