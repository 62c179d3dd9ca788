#include "app/progress_display.hpp"

#include <algorithm>
#include <cstdio>

namespace ccsim::app {

progress_display::progress_display(const scenario& s, run_status& status, bool enabled)
  : scenario_(s), status_(status) {
  if (enabled) thread_ = std::thread([this] { loop(); });
}

progress_display::~progress_display() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (printed_) std::fprintf(stderr, "\r\033[K");
}

void progress_display::loop() {
  using namespace std::chrono;
  auto started = steady_clock::now();
  while (!stop_) {
    std::this_thread::sleep_for(milliseconds(200));
    if (steady_clock::now() - started < seconds(2)) continue;  // short runs stay silent
    print_line(started);
  }
}

void progress_display::print_line(std::chrono::steady_clock::time_point started) {
  using namespace std::chrono;
  double fraction = 0;
  std::uint64_t calls = 0;
  std::int64_t sim_ns = 0;
  for (auto& job : status_.jobs) {
    auto arrivals = job.arrivals.load(std::memory_order_relaxed);
    auto t = job.sim_ns.load(std::memory_order_relaxed);
    calls += arrivals;
    sim_ns = std::max(sim_ns, t);
    double f = 0;
    if (job.done.load()) f = 1;
    else if (scenario_.horizon && scenario_.horizon->count() > 0)
      f = static_cast<double>(t) / static_cast<double>(scenario_.horizon->count());
    else if (scenario_.calls)
      f = static_cast<double>(arrivals)
          / static_cast<double>(*scenario_.calls + scenario_.warmup_calls.value_or(0));
    fraction += std::min(1.0, f);
  }
  fraction /= static_cast<double>(std::max<std::size_t>(1, status_.jobs.size()));
  double elapsed = duration<double>(steady_clock::now() - started).count();
  double rate = elapsed > 0 ? static_cast<double>(calls) / elapsed : 0;
  double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0;
  std::fprintf(stderr, "\r\033[K  simulated %s  %llu calls  %.0f calls/s  %3.0f%%  ETA %.0f s",
               format_clock(scenario_.start_of_day + sim_time{sim_ns}).c_str(),
               static_cast<unsigned long long>(calls), rate, fraction * 100, eta);
  std::fflush(stderr);
  printed_ = true;
}

} // namespace ccsim::app
