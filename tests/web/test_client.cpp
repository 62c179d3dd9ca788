#include "tests/web/test_client.hpp"

#include <condition_variable>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>

namespace ccsim::web::test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace json = boost::json;
using tcp = net::ip::tcp;

namespace {

tcp::endpoint loopback(std::uint16_t port) { return {net::ip::make_address("127.0.0.1"), port}; }

std::string lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

/// Runs handlers until `done` or the deadline.
void run_until(net::io_context& ioc, const bool& done, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done) {
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) break;
    if (ioc.stopped()) ioc.restart();
    ioc.run_one_for(deadline - now);
  }
}

} // namespace

json::value http_reply::json() const {
  json::error_code ec;
  auto v = json::parse(body, ec);
  return ec ? json::value(nullptr) : v;
}

http_reply http_call(std::uint16_t port, const std::string& method, const std::string& target,
                     const std::string& body, const std::string& key,
                     const std::map<std::string, std::string>& headers, std::chrono::milliseconds timeout) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  http::request<http::string_body> req;
  auto verb = http::string_to_verb(method);
  if (verb == http::verb::unknown)
    req.method_string(method);
  else
    req.method(verb);
  req.target(target);
  req.version(11);
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  req.set(http::field::connection, "close");
  if (!key.empty()) req.set("X-Api-Key", key);
  if (!body.empty()) req.set(http::field::content_type, "application/json");
  for (auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  if (!body.empty() || method == "POST" || method == "PUT") req.prepare_payload();

  http_reply out;
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  bool done = false;
  stream.expires_after(timeout);
  stream.async_connect(loopback(port), [&](beast::error_code ec) {
    if (ec) {
      out.error = "connect: " + ec.message();
      done = true;
      return;
    }
    http::async_write(stream, req, [&](beast::error_code ec, std::size_t) {
      if (ec) {
        out.error = "write: " + ec.message();
        done = true;
        return;
      }
      http::async_read(stream, buffer, parser, [&](beast::error_code ec, std::size_t) {
        done = true;
        if (ec) {
          out.error = "read: " + ec.message();
          return;
        }
        auto& res = parser.get();
        out.status = res.result_int();
        out.body = res.body();
        for (auto& f : res) out.headers[lower(std::string{f.name_string()})] = std::string{f.value()};
      });
    });
  });
  run_until(ioc, done, timeout + 500ms);
  if (!done) out.error = "timeout";
  return out;
}

std::string raw_exchange(std::uint16_t port, const std::string& bytes, std::chrono::milliseconds timeout) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  std::string received;
  std::array<char, 4096> chunk{};
  bool done = false;
  std::function<void()> read_more = [&] {
    stream.async_read_some(net::buffer(chunk), [&](beast::error_code ec, std::size_t n) {
      received.append(chunk.data(), n);
      if (ec) {
        done = true;
        return;
      }
      read_more();
    });
  };
  stream.expires_after(timeout);
  stream.async_connect(loopback(port), [&](beast::error_code ec) {
    if (ec) {
      done = true;
      return;
    }
    net::async_write(stream, net::buffer(bytes), [&](beast::error_code ec, std::size_t) {
      if (ec) {
        done = true;
        return;
      }
      read_more();
    });
  });
  run_until(ioc, done, timeout + 500ms);
  return received;
}

struct ws_client::impl {
  net::io_context ioc;
  websocket::stream<beast::tcp_stream> ws{ioc};
  beast::flat_buffer buffer;
  bool connected = false;
  bool ended = false;
  bool closed_by_server = false;
  std::string error;
  bool reading = false;
  bool read_done = false;
  beast::error_code read_ec;
};

ws_client::ws_client(std::uint16_t port, const std::string& target, options opts) : impl_(std::make_unique<impl>()) {
  auto& m = *impl_;
  auto& sock = beast::get_lowest_layer(m.ws).socket();
  beast::error_code ec;
  sock.open(tcp::v4(), ec);
  if (opts.receive_buffer_bytes > 0) sock.set_option(net::socket_base::receive_buffer_size(opts.receive_buffer_bytes), ec);
  m.ws.set_option(websocket::stream_base::decorator([headers = opts.headers](websocket::request_type& req) {
    for (auto& [k, v] : headers) req.set(k, v);
  }));
  m.ws.read_message_max(64 * 1024 * 1024);
  bool done = false;
  beast::get_lowest_layer(m.ws).expires_after(5s);
  beast::get_lowest_layer(m.ws).async_connect(loopback(port), [&](beast::error_code ec) {
    if (ec) {
      m.error = "connect: " + ec.message();
      done = true;
      return;
    }
    m.ws.async_handshake("127.0.0.1:" + std::to_string(port), target, [&](beast::error_code ec) {
      done = true;
      if (ec) {
        m.error = "handshake: " + ec.message();
        return;
      }
      m.connected = true;
    });
  });
  run_until(m.ioc, done, 6s);
  if (!done) m.error = "timeout";
  beast::get_lowest_layer(m.ws).expires_never();
  if (!m.connected) m.ended = true;
}

ws_client::~ws_client() {
  auto& m = *impl_;
  if (m.connected && !m.ended) {
    bool done = false;
    beast::get_lowest_layer(m.ws).expires_after(1s);
    m.ws.async_close(websocket::close_code::normal, [&](beast::error_code) { done = true; });
    run_until(m.ioc, done, 1500ms);
  }
  beast::error_code ignored;
  beast::get_lowest_layer(m.ws).socket().close(ignored);
  m.ioc.stop();
}

bool ws_client::connected() const { return impl_->connected; }
const std::string& ws_client::error() const { return impl_->error; }
bool ws_client::closed_by_server() const { return impl_->closed_by_server; }
int ws_client::close_code() const { return static_cast<int>(impl_->ws.reason().code); }
std::string ws_client::close_reason() const { return std::string{impl_->ws.reason().reason.c_str()}; }

std::optional<std::string> ws_client::read(std::chrono::milliseconds timeout) {
  auto& m = *impl_;
  if (m.ended) return std::nullopt;
  if (!m.reading) {
    m.reading = true;
    m.read_done = false;
    m.ws.async_read(m.buffer, [&m](beast::error_code ec, std::size_t) {
      m.read_done = true;
      m.read_ec = ec;
    });
  }
  run_until(m.ioc, m.read_done, timeout);
  if (!m.read_done) return std::nullopt;  // still pending: the next read() continues it
  m.reading = false;
  if (m.read_ec) {
    m.ended = true;
    m.closed_by_server = m.read_ec == websocket::error::closed;
    if (m.error.empty()) m.error = "read: " + m.read_ec.message();
    return std::nullopt;
  }
  auto text = beast::buffers_to_string(m.buffer.data());
  m.buffer.consume(m.buffer.size());
  return text;
}

json::value ws_client::read_json(std::chrono::milliseconds timeout) {
  auto text = read(timeout);
  if (!text) return nullptr;
  json::error_code ec;
  auto v = json::parse(*text, ec);
  return ec ? json::value(nullptr) : v;
}

bool ws_client::send(const std::string& text, std::chrono::milliseconds timeout) {
  auto& m = *impl_;
  if (m.ended) return false;
  bool done = false;
  beast::error_code result;
  m.ws.text(true);
  m.ws.async_write(net::buffer(text), [&](beast::error_code ec, std::size_t) {
    done = true;
    result = ec;
  });
  run_until(m.ioc, done, timeout);
  return done && !result;
}

struct webhook_receiver::impl {
  std::function<int(std::size_t)> respond;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::thread thread;
  mutable std::mutex mtx;
  mutable std::condition_variable cv;
  std::vector<received> got;
  std::uint16_t port = 0;

  struct connection : std::enable_shared_from_this<connection> {
    impl& owner;
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    http::request<http::string_body> req;
    http::response<http::string_body> res;
    connection(impl& o, tcp::socket s) : owner(o), stream(std::move(s)) {}
    void run() {
      stream.expires_after(5s);
      http::async_read(stream, buffer, req, [self = shared_from_this()](beast::error_code ec, std::size_t) {
        if (ec) return;
        received r{std::string{self->req.target()}, self->req.body(), {}};
        for (auto& f : self->req) r.headers[lower(std::string{f.name_string()})] = std::string{f.value()};
        std::size_t n = 0;
        {
          std::lock_guard<std::mutex> guard{self->owner.mtx};
          n = self->owner.got.size();
          self->owner.got.push_back(std::move(r));
        }
        self->owner.cv.notify_all();
        self->res.result(static_cast<http::status>(self->owner.respond(n)));
        self->res.version(11);
        self->res.keep_alive(false);
        self->res.body() = "{}";
        self->res.prepare_payload();
        http::async_write(self->stream, self->res, [self](beast::error_code, std::size_t) {
          beast::error_code ignored;
          self->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        });
      });
    }
  };

  void accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket s) {
      if (ec) return;
      std::make_shared<connection>(*this, std::move(s))->run();
      accept();
    });
  }
};

webhook_receiver::webhook_receiver(std::function<int(std::size_t)> respond) : impl_(std::make_unique<impl>()) {
  auto& m = *impl_;
  m.respond = std::move(respond);
  m.acceptor.open(tcp::v4());
  m.acceptor.set_option(net::socket_base::reuse_address(true));
  m.acceptor.bind(loopback(0));
  m.acceptor.listen();
  m.port = m.acceptor.local_endpoint().port();
  m.accept();
  m.thread = std::thread([&m] { m.ioc.run(); });
}

webhook_receiver::~webhook_receiver() {
  impl_->ioc.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::uint16_t webhook_receiver::port() const { return impl_->port; }

std::vector<webhook_receiver::received> webhook_receiver::requests() const {
  std::lock_guard<std::mutex> guard{impl_->mtx};
  return impl_->got;
}

bool webhook_receiver::wait_for(std::size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock{impl_->mtx};
  return impl_->cv.wait_for(lock, timeout, [&] { return impl_->got.size() >= n; });
}

} // namespace ccsim::web::test
