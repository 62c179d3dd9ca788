#include "web/webhook_client.hpp"

#include <atomic>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

namespace ccsim::web {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

std::optional<http_url> parse_http_url(const std::string& url, std::string& error) {
  const std::string scheme = "http://";
  if (url.rfind(scheme, 0) != 0) {
    error = url.rfind("https://", 0) == 0 ? "https is not supported (no TLS in this build); use http://"
                                           : "must start with http://";
    return std::nullopt;
  }
  auto rest = url.substr(scheme.size());
  auto slash = rest.find('/');
  auto authority = rest.substr(0, slash);
  http_url out;
  out.target = slash == std::string::npos ? "/" : rest.substr(slash);
  if (authority.empty() || authority.find('@') != std::string::npos) {
    error = "needs a host (and no user info)";
    return std::nullopt;
  }
  if (authority.front() == '[') {  // [::1]:8080
    auto close = authority.find(']');
    if (close == std::string::npos) {
      error = "has an unterminated IPv6 address";
      return std::nullopt;
    }
    out.host = authority.substr(1, close - 1);
    auto tail = authority.substr(close + 1);
    if (!tail.empty()) {
      if (tail.front() != ':') {
        error = "has junk after the IPv6 address";
        return std::nullopt;
      }
      out.port = tail.substr(1);
    }
  } else if (auto colon = authority.rfind(':'); colon != std::string::npos) {
    out.host = authority.substr(0, colon);
    out.port = authority.substr(colon + 1);
  } else {
    out.host = authority;
  }
  bool port_ok = !out.port.empty() && out.port.size() <= 5 &&
                 out.port.find_first_not_of("0123456789") == std::string::npos && std::stoi(out.port) > 0 &&
                 std::stoi(out.port) < 65536;
  if (out.host.empty() || !port_ok) {
    error = "needs a host and a port between 1 and 65535";
    return std::nullopt;
  }
  for (char c : out.target)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      error = "the path may not contain spaces or control characters";
      return std::nullopt;
    }
  return out;
}

namespace {

/// One POST: resolve, connect, write, read; every step under one deadline.
class delivery : public std::enable_shared_from_this<delivery> {
public:
  delivery(net::io_context& ioc, http_url url, std::string body, webhook_client::headers extra,
           std::chrono::milliseconds timeout, webhook_client::completion done)
      : resolver_(ioc), stream_(ioc), url_(std::move(url)), timeout_(timeout), done_(std::move(done)) {
    req_.method(http::verb::post);
    req_.target(url_.target);
    req_.version(11);
    req_.set(http::field::host, url_.host + ":" + url_.port);
    req_.set(http::field::user_agent, "ccsim-webhooks");
    req_.set(http::field::content_type, "application/json");
    req_.set(http::field::connection, "close");
    for (auto& [k, v] : extra) req_.set(k, v);
    req_.body() = std::move(body);
    req_.prepare_payload();
  }

  void run() {
    stream_.expires_after(timeout_);
    resolver_.async_resolve(url_.host, url_.port,
                            [self = shared_from_this()](beast::error_code ec, tcp::resolver::results_type r) {
                              self->on_resolve(ec, r);
                            });
  }

private:
  void on_resolve(beast::error_code ec, const tcp::resolver::results_type& results) {
    if (ec) return finish("resolve: " + ec.message());
    stream_.async_connect(results, [self = shared_from_this()](beast::error_code ec, const tcp::endpoint&) {
      self->on_connect(ec);
    });
  }
  void on_connect(beast::error_code ec) {
    if (ec) return finish("connect: " + ec.message());
    http::async_write(stream_, req_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->on_write(ec);
    });
  }
  void on_write(beast::error_code ec) {
    if (ec) return finish("write: " + ec.message());
    parser_.body_limit(64 * 1024);
    http::async_read(stream_, buffer_, parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->on_read(ec);
    });
  }
  void on_read(beast::error_code ec) {
    if (ec) return finish("read: " + ec.message());
    auto status = parser_.get().result_int();
    if (status < 200 || status > 299) return finish("status " + std::to_string(status));
    finish("");
  }
  void finish(std::string error) {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
    if (done_) {
      auto done = std::move(done_);
      done_ = nullptr;
      done(std::move(error));
    }
  }

  tcp::resolver resolver_;
  beast::tcp_stream stream_;
  http_url url_;
  std::chrono::milliseconds timeout_;
  webhook_client::completion done_;
  http::request<http::string_body> req_;
  beast::flat_buffer buffer_;
  http::response_parser<http::string_body> parser_;
};

} // namespace

struct webhook_client::impl {
  net::io_context ioc{1};
  net::executor_work_guard<net::io_context::executor_type> guard{ioc.get_executor()};
  std::thread thread;
  std::atomic<bool> stopped{false};

  impl() {
    thread = std::thread([this] { ioc.run(); });
  }
};

webhook_client::webhook_client() : impl_(std::make_unique<impl>()) {}

webhook_client::~webhook_client() { stop(); }

void webhook_client::post(const http_url& url, std::string body, headers extra, std::chrono::milliseconds timeout,
                          completion done) {
  if (impl_->stopped) {
    done("stopped");
    return;
  }
  auto d = std::make_shared<delivery>(impl_->ioc, url, std::move(body), std::move(extra), timeout, std::move(done));
  net::post(impl_->ioc, [d] { d->run(); });
}

void webhook_client::after(std::chrono::milliseconds delay, std::function<void()> fn) {
  if (impl_->stopped) return;
  auto timer = std::make_shared<net::steady_timer>(impl_->ioc, delay);
  timer->async_wait([timer, fn = std::move(fn)](beast::error_code ec) {
    if (!ec) fn();
  });
}

void webhook_client::post_task(std::function<void()> fn) {
  if (impl_->stopped) return;
  net::post(impl_->ioc, std::move(fn));
}

void webhook_client::stop() {
  if (impl_->stopped.exchange(true)) return;
  impl_->guard.reset();
  impl_->ioc.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

} // namespace ccsim::web
