#include "web/server.hpp"

#include <filesystem>
#include <thread>
#include <unistd.h>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>

#include "web/api.hpp"
#include "web/hub.hpp"
#include "web/key_store.hpp"
#include "web/listener.hpp"
#include "web/server_stats.hpp"

#ifndef CCSIM_UI_DIR
#define CCSIM_UI_DIR ""
#endif

namespace ccsim::web {

namespace net = boost::asio;
namespace beast = boost::beast;

std::string default_ui_dir() {
  std::error_code ec;
  std::string source = CCSIM_UI_DIR;
  if (!source.empty() && std::filesystem::is_directory(source, ec)) return source;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) return (exe.parent_path() / "ui").string();
  return "ui";
}

struct server::impl {
  live::engine& engine;
  server_options opts;
  key_store keys;
  server_stats stats;
  webhook_service hooks;
  api rest;
  hub stream;
  std::shared_ptr<session_context> ctx;
  net::io_context ioc;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> guard;
  std::shared_ptr<listener> accept;
  std::vector<std::thread> threads;
  std::uint16_t port = 0;
  bool started = false;
  bool stopped = false;

  static api_options rest_options(const server_options& o) {
    api_options a;
    a.ui_dir = o.ui_dir.empty() ? default_ui_dir() : o.ui_dir;
    a.bounds = o.alerts;
    a.max_body_bytes = o.sessions.max_body_bytes;
    a.recording = o.recording;
    return a;
  }

  impl(live::engine& e, server_options o)
      : engine(e),
        opts(std::move(o)),
        keys(opts.admin_key),
        hooks(e, opts.webhooks),
        rest(e, keys, hooks, stats, rest_options(opts)),
        stream(e, hub_options{opts.updates_per_second, 50, 200},
               [this](const live::tenant_snapshot& snap, const live::engine_status& status) {
                 return rest.context().tenant_alerts(snap, status);
               }),
        ctx(std::make_shared<session_context>(rest, stream, stats, keys, e, opts.sessions)),
        ioc(static_cast<int>(std::max(1u, opts.threads))) {}
};

server::server(live::engine& engine, server_options opts) : impl_(std::make_unique<impl>(engine, std::move(opts))) {}

server::~server() { shutdown(); }

std::optional<std::string> server::start() {
  auto& m = *impl_;
  if (m.started) return std::string{"already started"};
  if (m.opts.admin_key.size() < 16) return std::string{"the admin key must have at least 16 characters"};
  beast::error_code ec;
  auto address = net::ip::make_address(m.opts.bind, ec);
  if (ec) return "--bind: '" + m.opts.bind + "' is not an IP address";
  std::string what;
  m.accept = std::make_shared<listener>(m.ioc, net::ip::tcp::endpoint{address, m.opts.port}, m.ctx, ec, what);
  if (ec) return "cannot " + what + " " + m.opts.bind + ":" + std::to_string(m.opts.port) + ": " + ec.message();
  m.port = m.accept->port();
  m.accept->run();
  m.stream.start();
  m.guard.emplace(m.ioc.get_executor());
  for (unsigned i = 0; i < std::max(1u, m.opts.threads); ++i) m.threads.emplace_back([&m] { m.ioc.run(); });
  m.started = true;
  return std::nullopt;
}

std::uint16_t server::port() const { return impl_->port; }

std::string server::url() const {
  auto host = impl_->opts.bind;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(impl_->port);
}

void server::stop_accepting() {
  impl_->ctx->shutting_down = true;
  if (impl_->accept) impl_->accept->stop();
}

void server::shutdown() {
  auto& m = *impl_;
  if (m.stopped) return;
  m.stopped = true;
  stop_accepting();
  if (m.started) {
    // Final frames and close frames go out while the Asio threads still run.
    m.stream.stop();
    m.stream.close_all();
    auto deadline = std::chrono::steady_clock::now() + m.opts.sessions.ws_close_timeout + std::chrono::milliseconds(500);
    while (m.stats.ws_connected.load() > 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // Answers still owed by the engine must arrive before the sessions go.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (m.ctx->requests_in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  m.hooks.stop(m.started ? m.opts.webhook_drain : std::chrono::milliseconds{0});
  m.guard.reset();
  m.ioc.stop();
  for (auto& t : m.threads)
    if (t.joinable()) t.join();
  m.threads.clear();
}

const api& server::rest() const { return impl_->rest; }
key_store& server::keys() { return impl_->keys; }
server_stats& server::stats() { return impl_->stats; }
webhook_service& server::webhooks() { return impl_->hooks; }

} // namespace ccsim::web
