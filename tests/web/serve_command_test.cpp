// `ccsim serve` as a process: it prints its URL, serves, and on SIGTERM or
// SIGINT closes WebSockets with a close frame and exits 0.
#include <csignal>
#include <thread>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "tests/web/test_client.hpp"

extern char** environ;

using namespace ccsim::web::test;

namespace {

struct child {
  pid_t pid = -1;
  int out = -1;
  std::string output;

  explicit child(std::vector<std::string> args) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    REQUIRE(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    out = fds[0];
    ::fcntl(out, F_SETFL, O_NONBLOCK);
  }
  ~child() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
    if (out >= 0) ::close(out);
  }
  /// Reads stdout until `text` appears (bounded).
  bool wait_output(const std::string& text, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (output.find(text) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd p{out, POLLIN, 0};
      ::poll(&p, 1, 100);
      char buf[4096];
      auto n = ::read(out, buf, sizeof buf);
      if (n > 0) output.append(buf, static_cast<std::size_t>(n));
    }
    return output.find(text) != std::string::npos;
  }
  /// The exit status, or -1 if it did not exit in time.
  int wait_exit(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      wait_output("\x01", std::chrono::milliseconds(50));  // keep draining stdout
    }
    return -1;
  }
  std::uint16_t port() const {
    auto at = output.find("127.0.0.1:");
    if (at == std::string::npos) return 0;
    return static_cast<std::uint16_t>(std::stoi(output.substr(at + 10)));
  }
};

} // namespace

TEST_CASE("ccsim serve runs a scenario live and exits 0 on SIGTERM after closing WebSockets", "[web]") {
  // --no-db: the recording is tested in tests/store/serve_recording_test.cpp.
  child serve({CCSIM_BINARY, "serve", CCSIM_SOURCE_DIR "/scenarios/multi_tenant.toml", "--no-db", "--port", "0",
               "--speed", "10", "--update-rate", "10"});
  REQUIRE(serve.wait_output("admin key (generated, shown once): ", 10s));
  REQUIRE(serve.wait_output("\n", 1s));
  auto at = serve.output.find("shown once): ") + 13;
  auto admin = serve.output.substr(at, serve.output.find('\n', at) - at);
  CAPTURE(serve.output);
  REQUIRE(serve.port() != 0);
  CHECK(serve.output.find("telco") != std::string::npos);
  auto tenants = http_call(serve.port(), "GET", "/api/tenants", "", admin);
  CHECK(tenants.status == 200);
  CHECK(tenants.json().as_array().size() == 3);
  // The agents log in as the scenario starts; wait until the view has them.
  std::size_t agents = 0;
  for (auto until = std::chrono::steady_clock::now() + 5s; agents != 40 && std::chrono::steady_clock::now() < until;
       std::this_thread::sleep_for(50ms)) {
    auto r = http_call(serve.port(), "GET", "/api/tenants/telco/agents", "", admin);
    if (r.status == 200) agents = r.json().as_array().size();
  }
  CHECK(agents == 40);
  ws_client ws(serve.port(), "/ws?tenant=telco&key=" + admin);
  auto snap = ws.read_json();
  REQUIRE(snap.is_object());
  CHECK(snap.at("type") == "snapshot");
  CHECK(snap.at("agents").as_array().size() == 40);

  REQUIRE(::kill(serve.pid, SIGTERM) == 0);
  bool closed = false;
  auto until = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < until)
    if (!ws.read(500ms) && ws.closed_by_server()) {
      closed = true;
      break;
    }
  CHECK(closed);
  CHECK(serve.wait_exit(10s) == 0);
  CHECK(serve.output.find("stopped;") != std::string::npos);
}

TEST_CASE("ccsim serve exits 0 on SIGINT and refuses bad options", "[web]") {
  {
    child serve({CCSIM_BINARY, "serve", "--port", "0", "--admin-key", "an-admin-key-of-16+", "--no-db"});
    REQUIRE(serve.wait_output("listening on", 10s));
    CHECK(serve.output.find("admin key (generated") == std::string::npos);
    CHECK(serve.output.find("an-admin-key-of-16+") == std::string::npos);  // never printed
    REQUIRE(::kill(serve.pid, SIGINT) == 0);
    CHECK(serve.wait_exit(10s) == 0);
  }
  {
    child bad({CCSIM_BINARY, "serve", "--port", "70000"});
    CHECK(bad.wait_exit(10s) == 2);
  }
  {
    child bad({CCSIM_BINARY, "serve", "--admin-key", "short"});
    CHECK(bad.wait_exit(10s) == 2);
  }
}
