// web_load: the load tool behind docs/benchmarks.md. Talks to a running
// `ccsim serve` on loopback only: creates tenants with idle agents (memory per
// idle agent from /status), then offers Poisson call traffic through the REST
// API and reads the server-side dispatch latency from /status.
//
//   ccsim serve --port 8080 --admin-key $A --threads 2 &
//   web_load --port 8080 --admin-key $A --tenants 100 --agents 40
//            --calls-per-hour 10000 --duration 60 --talk 10   (one line)
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = net::ip::tcp;
using clock_type = std::chrono::steady_clock;

namespace {

struct options {
  unsigned short port = 8080;
  std::string admin_key;
  int tenants = 100;
  int agents = 40;
  double calls_per_hour = 10000;
  double duration_s = 60;
  double talk_s = 10;
  int threads = 8;
  std::string prefix = "load";
};

/// One keep-alive connection to 127.0.0.1.
class connection {
public:
  explicit connection(unsigned short port) : socket_(ioc_) {
    socket_.connect({net::ip::make_address("127.0.0.1"), port});
    socket_.set_option(tcp::no_delay(true));
  }
  std::pair<int, std::string> request(http::verb verb, const std::string& target, const std::string& key,
                                      const std::string& body = "") {
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!key.empty()) req.set("X-Api-Key", key);
    req.body() = body;
    req.prepare_payload();
    http::write(socket_, req);
    http::response_parser<http::string_body> parser;
    parser.body_limit(256 * 1024 * 1024);
    http::read(socket_, buffer_, parser);
    return {parser.get().result_int(), parser.get().body()};
  }

private:
  net::io_context ioc_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
};

std::string tenant_body(const std::string& name, int agents) {
  return R"({"name":")" + name + R"(","call_types":[{"name":"sales","talk":{"dist":"exponential","mean":180}}],
    "agent_types":[{"name":"rep","skills":["sales"]}],"agents":[{"type":"rep","count":)" +
         std::to_string(agents) + "}]}";
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size()))) ;
  return v[std::min(v.size() - 1, i == 0 ? 0 : i - 1)];
}

json::value status(connection& c, const std::string& key) {
  return json::parse(c.request(http::verb::get, "/status", key).second);
}

std::uint64_t available(const json::value& st) {
  return st.at("agents_by_state").at("available").to_number<std::uint64_t>();
}

} // namespace

int main(int argc, char** argv) {
  options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--port") o.port = static_cast<unsigned short>(std::stoi(v));
    else if (k == "--admin-key") o.admin_key = v;
    else if (k == "--tenants") o.tenants = std::stoi(v);
    else if (k == "--agents") o.agents = std::stoi(v);
    else if (k == "--calls-per-hour") o.calls_per_hour = std::stod(v);
    else if (k == "--duration") o.duration_s = std::stod(v);
    else if (k == "--talk") o.talk_s = std::stod(v);
    else if (k == "--threads") o.threads = std::stoi(v);
    else if (k == "--prefix") o.prefix = v;
    else {
      std::cerr << "web_load: unknown option " << k << "\n";
      return 2;
    }
  }
  if (o.admin_key.empty()) {
    std::cerr << "usage: web_load --port N --admin-key KEY [--tenants N] [--agents N] [--calls-per-hour R]\n"
                 "                [--duration S] [--talk S] [--threads N] [--prefix P]\n";
    return 2;
  }
  try {
    connection admin(o.port);
    auto st0 = status(admin, o.admin_key);
    auto rss0 = st0.at("process").at("rss_bytes").to_number<double>();
    auto avail0 = available(st0);

    // Tenants with idle agents.
    std::vector<std::pair<std::string, std::string>> tenants;  // name, key
    auto t0 = clock_type::now();
    for (int t = 0; t < o.tenants; ++t) {
      auto name = o.prefix + std::to_string(t);
      auto [code, body] = admin.request(http::verb::post, "/api/tenants", o.admin_key, tenant_body(name, o.agents));
      if (code != 201) {
        std::cerr << "web_load: creating " << name << ": " << code << " " << body << "\n";
        return 1;
      }
      tenants.emplace_back(name, std::string{json::parse(body).at("api_key").as_string()});
    }
    auto want = avail0 + static_cast<std::uint64_t>(o.tenants) * static_cast<std::uint64_t>(o.agents);
    json::value st1;
    for (auto until = clock_type::now() + std::chrono::seconds(60); clock_type::now() < until;) {
      st1 = status(admin, o.admin_key);
      if (available(st1) >= want) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    double setup_s = std::chrono::duration<double>(clock_type::now() - t0).count();
    auto rss1 = st1.at("process").at("rss_bytes").to_number<double>();
    auto agents = static_cast<double>(o.tenants) * o.agents;
    std::printf("setup: %d tenants x %d agents in %.1f s; %llu of %llu agents available\n", o.tenants, o.agents,
                setup_s, static_cast<unsigned long long>(available(st1)), static_cast<unsigned long long>(want));
    std::printf("memory: rss %.1f MB -> %.1f MB: %.0f bytes per idle agent (tenant overhead included)\n",
                rss0 / 1e6, rss1 / 1e6, (rss1 - rss0) / agents);
    if (o.calls_per_hour <= 0 || o.duration_s <= 0) return 0;

    // Poisson traffic, open loop: each thread owns every threads-th tenant.
    auto lat0 = st1.at("dispatch_latency");
    double total_rate = o.tenants * o.calls_per_hour / 3600.0;
    std::atomic<std::uint64_t> sent{0}, failed{0};
    std::map<std::string, std::uint64_t> outcomes;
    std::mutex mtx;
    std::vector<double> client_ms;
    auto start = clock_type::now();
    auto stop = start + std::chrono::duration_cast<clock_type::duration>(std::chrono::duration<double>(o.duration_s));
    std::vector<std::thread> workers;
    for (int w = 0; w < o.threads; ++w) {
      workers.emplace_back([&, w] {
        connection c(o.port);
        std::mt19937_64 rng(1234 + static_cast<unsigned>(w));
        std::exponential_distribution<double> gap(total_rate / o.threads);
        std::uniform_int_distribution<std::size_t> pick(0, tenants.size() - 1);
        std::vector<double> mine;
        std::map<std::string, std::uint64_t> seen;
        auto next = start;
        auto body = R"({"type":"sales","talk_s":)" + std::to_string(o.talk_s) + "}";
        while (true) {
          next += std::chrono::duration_cast<clock_type::duration>(std::chrono::duration<double>(gap(rng)));
          if (next >= stop) break;
          std::this_thread::sleep_until(next);
          auto& [name, key] = tenants[pick(rng)];
          auto before = clock_type::now();
          auto [code, text] = c.request(http::verb::post, "/api/tenants/" + name + "/calls", key, body);
          mine.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - before).count());
          ++sent;
          if (code != 201) {
            ++failed;
            continue;
          }
          ++seen[std::string{json::parse(text).at("outcome").as_string()}];
        }
        std::lock_guard<std::mutex> guard{mtx};
        client_ms.insert(client_ms.end(), mine.begin(), mine.end());
        for (auto& [k, n] : seen) outcomes[k] += n;
      });
    }
    for (auto& t : workers) t.join();
    double wall = std::chrono::duration<double>(clock_type::now() - start).count();
    connection after(o.port);  // the first one idled past the server's keep-alive timeout
    auto st2 = status(after, o.admin_key);
    auto lat = st2.at("dispatch_latency");
    std::printf("traffic: %llu calls in %.1f s (%.1f/s offered, target %.1f/s), %llu failed;",
                static_cast<unsigned long long>(sent.load()), wall, static_cast<double>(sent.load()) / wall,
                total_rate, static_cast<unsigned long long>(failed.load()));
    for (auto& [k, n] : outcomes) std::printf(" %s %llu", k.c_str(), static_cast<unsigned long long>(n));
    std::printf("\n");
    std::printf("dispatch latency in the server (accepted -> reserved/queued), %llu calls since start: "
                "p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms\n",
                static_cast<unsigned long long>(lat.at("count").to_number<std::uint64_t>() -
                                                lat0.at("count").to_number<std::uint64_t>()),
                lat.at("p50_ms").to_number<double>(), lat.at("p90_ms").to_number<double>(),
                lat.at("p99_ms").to_number<double>(), lat.at("max_ms").to_number<double>());
    std::printf("HTTP round trip at the client (POST .../calls): p50 %.3f ms, p99 %.3f ms, max %.3f ms\n",
                percentile(client_ms, 0.5), percentile(client_ms, 0.99), percentile(client_ms, 1.0));
    std::printf("memory after traffic: rss %.1f MB\n", st2.at("process").at("rss_bytes").to_number<double>() / 1e6);
  } catch (const std::exception& e) {
    std::cerr << "web_load: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
