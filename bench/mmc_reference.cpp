#include "bench/mmc_reference.hpp"

#include <deque>
#include <queue>
#include <vector>

#include "domain/random.hpp"

namespace ccsim::bench {

mmc_result run_mmc_reference(unsigned servers, double rate_per_s, double service_s,
                             std::uint64_t warmup, std::uint64_t calls, std::uint64_t seed) {
  struct ev {
    double t;
    bool arrival;
    bool operator>(const ev& o) const { return t > o.t; }
  };
  std::priority_queue<ev, std::vector<ev>, std::greater<>> events;
  std::deque<double> queue;  // arrival times of waiting calls
  rng arrivals(derive_seed(seed, 1)), service(derive_seed(seed, 2));
  unsigned busy = 0;
  std::uint64_t arrived = 0, done = 0;
  double wait_sum = 0;
  events.push({arrivals.exponential(1.0 / rate_per_s), true});
  while (!events.empty()) {
    auto e = events.top();
    events.pop();
    if (e.arrival) {
      ++arrived;
      if (arrived < warmup + calls) events.push({e.t + arrivals.exponential(1.0 / rate_per_s), true});
      if (busy < servers) {
        ++busy;
        events.push({e.t + service.exponential(service_s), false});
        if (arrived > warmup) ++done;
      } else {
        queue.push_back(arrived > warmup ? e.t : -e.t - 1);  // negative: warm-up call
      }
    } else if (!queue.empty()) {
      double a = queue.front();
      queue.pop_front();
      if (a >= 0) {
        wait_sum += e.t - a;
        ++done;
      }
      events.push({e.t + service.exponential(service_s), false});
    } else {
      --busy;
    }
  }
  return {done, done ? wait_sum / static_cast<double>(done) : 0};
}

} // namespace ccsim::bench
