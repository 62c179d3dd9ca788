#include "domain/erlang.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <deque>
#include <limits>
#include <vector>

#include "domain/confidence.hpp"
#include "domain/random.hpp"

using namespace ccsim;

namespace {

// Second, independent evaluations straight from the defining sums, in long
// double (terms a^k / k! built up step by step, so no factorial overflows).

long double poisson_term_sum(unsigned upto, long double a, long double& last) {
  long double term = 1, sum = 1;
  for (unsigned k = 1; k <= upto; ++k) {
    term *= a / k;
    sum += term;
  }
  last = term;
  return sum;
}

double erlang_b_direct(unsigned n, double a) {
  long double last = 0;
  const long double sum = poisson_term_sum(n, a, last);
  return static_cast<double>(last / sum);
}

double erlang_c_direct(unsigned n, double a) {
  long double last = 0;
  const long double sum = poisson_term_sum(n, a, last);
  const long double waiting = last * n / (n - a);
  return static_cast<double>(waiting / (sum - last + waiting));
}

} // namespace

TEST_CASE("Erlang B matches the traffic tables and the direct sum", "[domain]") {
  // Erlang B table, 10 trunks at 5 Erlangs: 0.018385 (mpmath: 0.01838457).
  CHECK(erlang_b(10, 5) == Approx(0.0183845703366481).epsilon(1e-12));
  // One server: a / (1 + a).
  CHECK(erlang_b(1, 3) == Approx(0.75));
  CHECK(erlang_b(0, 2) == 1);
  CHECK(erlang_b(5, 0) == 0);
  for (unsigned n : {1u, 2u, 7u, 30u, 100u})
    for (double a : {0.5, 3.0, 25.0, 90.0}) {
      CAPTURE(n, a);
      CHECK(erlang_b(n, a) == Approx(erlang_b_direct(n, a)).epsilon(1e-12));
    }
  // Far beyond where a^n / n! overflows a double.
  CHECK(erlang_b(1000, 950) == Approx(erlang_b_direct(1000, 950)).epsilon(1e-10));
}

TEST_CASE("Erlang C matches published values and the direct sum", "[domain]") {
  // 10 agents at 8 Erlangs: P(wait) = 0.4092 (Erlang C tables; mpmath 0.40918015).
  CHECK(erlang_c(10, 8) == Approx(0.409180150796444).epsilon(1e-12));
  // M/M/2 at load 1 (rho = 1/2): exactly 1/3 (any queueing text, e.g.
  // Kleinrock vol. 1, M/M/m with m = 2).
  CHECK(erlang_c(2, 1) == Approx(1.0 / 3).epsilon(1e-14));
  // M/M/1: P(wait) = rho.
  CHECK(erlang_c(1, 0.7) == Approx(0.7).epsilon(1e-14));
  // The common call-centre example: 100 calls per half hour, AHT 180 s
  // (10 Erlangs); 11 agents 0.6821, 14 agents 0.1741 (mpmath at 30 digits).
  CHECK(erlang_c(11, 10) == Approx(0.682118204689332).epsilon(1e-12));
  CHECK(erlang_c(14, 10) == Approx(0.174131933595050).epsilon(1e-12));
  for (unsigned n : {1u, 3u, 12u, 50u})
    for (double frac : {0.1, 0.5, 0.9, 0.99}) {
      const double a = frac * n;
      CAPTURE(n, a);
      CHECK(erlang_c(n, a) == Approx(erlang_c_direct(n, a)).epsilon(1e-11));
    }
  CHECK(erlang_c(5, 5) == 1);
  CHECK(erlang_c(5, 7) == 1);
  CHECK(erlang_c(0, 1) == 1);
  CHECK(erlang_c(5, 0) == 0);
}

TEST_CASE("Erlang C service level and ASA follow the waiting-time law", "[domain]") {
  // 10 Erlangs, 14 agents, AHT 180 s, answered within 20 s:
  // 1 - 0.174132 * exp(-4 * 20 / 180) = 0.888350 (mpmath at 30 digits).
  const double c = erlang_c_direct(14, 10);
  CHECK(erlang_c_service_level(14, 10, 180, 20)
        == Approx(1 - c * std::exp(-4.0 * 20 / 180)).epsilon(1e-12));
  CHECK(erlang_c_service_level(14, 10, 180, 20) == Approx(0.888350019179467).epsilon(1e-12));
  CHECK(erlang_c_service_level(14, 10, 180, 0) == Approx(1 - c).epsilon(1e-12));
  CHECK(erlang_c_service_level(10, 10, 180, 20) == 0);
  // M/M/1 at rho = 1/2 with mean service 1 s: mean wait rho / (mu - lambda) = 1 s.
  CHECK(erlang_c_asa(1, 0.5, 1) == Approx(1.0).epsilon(1e-14));
  CHECK(erlang_c_asa(14, 10, 180) == Approx(c * 180 / 4).epsilon(1e-12));
  CHECK(std::isinf(erlang_c_asa(3, 3, 180)));
}

namespace {

/// Stationary distribution of M/M/n+M, the plain way: products of birth and
/// death rates up to a fixed number of states, normalised at the end.
std::vector<double> erlang_a_states(unsigned n, double lambda, double mu, double theta,
                                    unsigned states) {
  std::vector<double> p(states, 0.0);
  p[0] = 1;
  double sum = 1;
  for (unsigned k = 1; k < states; ++k) {
    const double death = (k <= n ? k * mu : n * mu + (k - n) * theta);
    p[k] = p[k - 1] * lambda / death;
    sum += p[k];
  }
  for (auto& x : p) x /= sum;
  return p;
}

/// P(answered within t) for a call finding j calls waiting ahead, by
/// integrating the forward equations of its own little chain with RK4:
/// states "i calls ahead" (i = j..0) plus "answered".
double answered_within(unsigned j, unsigned n, double mu, double theta, double t) {
  const double c = n * mu;
  std::vector<double> p(j + 1, 0.0);  // p[i]: still waiting with i ahead
  p[j] = 1;
  double answered = 0;
  const int steps = 4000;
  const double h = t / steps;
  auto deriv = [&](const std::vector<double>& x, std::vector<double>& dx, double& da) {
    for (unsigned i = 0; i <= j; ++i) {
      dx[i] = -(c + i * theta + theta) * x[i];
      if (i < j) dx[i] += (c + (i + 1) * theta) * x[i + 1];
    }
    da = c * x[0];
  };
  std::vector<double> k1(j + 1), k2(j + 1), k3(j + 1), k4(j + 1), tmp(j + 1);
  double a1, a2, a3, a4;
  for (int s = 0; s < steps; ++s) {
    deriv(p, k1, a1);
    for (unsigned i = 0; i <= j; ++i) tmp[i] = p[i] + h / 2 * k1[i];
    deriv(tmp, k2, a2);
    for (unsigned i = 0; i <= j; ++i) tmp[i] = p[i] + h / 2 * k2[i];
    deriv(tmp, k3, a3);
    for (unsigned i = 0; i <= j; ++i) tmp[i] = p[i] + h * k3[i];
    deriv(tmp, k4, a4);
    for (unsigned i = 0; i <= j; ++i) p[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    answered += h / 6 * (a1 + 2 * a2 + 2 * a3 + a4);
  }
  return answered;
}

} // namespace

TEST_CASE("Erlang A with patience as long as service is the Poisson M/M/infinity law",
          "[domain]") {
  // theta == mu: every call in the system leaves at rate mu, waiting or not,
  // so the number in system is Poisson(lambda / mu).
  const unsigned n = 10;
  const double mu = 1.0 / 180, lambda = 12 * mu;
  const auto r = erlang_a(n, lambda, mu, mu, 20);
  double below = 0, queue = 0, term = std::exp(-12.0);
  for (unsigned k = 0; k < 200; ++k) {
    if (k < n) below += term;
    else queue += (k - n) * term;
    term *= 12.0 / (k + 1);
  }
  CHECK(r.p_wait == Approx(1 - below).epsilon(1e-12));
  CHECK(r.mean_queue == Approx(queue).epsilon(1e-12));
  CHECK(r.p_abandon == Approx(mu * queue / lambda).epsilon(1e-12));
  CHECK(r.mean_wait_all == Approx(queue / lambda).epsilon(1e-12));
}

TEST_CASE("Erlang A approaches Erlang C as patience grows", "[domain]") {
  const unsigned n = 14;
  const double aht = 180, mu = 1 / aht, lambda = 10 * mu;
  const auto c = erlang_a(n, lambda, mu, 0, 20);
  CHECK(c.p_wait == Approx(erlang_c(n, 10)).epsilon(1e-12));
  CHECK(c.service_level == Approx(erlang_c_service_level(n, 10, aht, 20)).epsilon(1e-12));
  CHECK(c.mean_wait_all == Approx(erlang_c_asa(n, 10, aht)).epsilon(1e-12));
  CHECK(c.p_abandon == 0);

  const auto a = erlang_a(n, lambda, mu, 1e-9, 20);  // mean patience ~ 30 years
  CHECK(a.p_wait == Approx(c.p_wait).epsilon(1e-6));
  CHECK(a.mean_queue == Approx(c.mean_queue).epsilon(1e-6));
  CHECK(a.mean_wait_all == Approx(c.mean_wait_all).epsilon(1e-6));
  CHECK(a.service_level == Approx(c.service_level).epsilon(1e-6));
  CHECK(a.p_abandon < 1e-7);

  const auto over = erlang_a(n, 2 * n * mu, mu, 0, 20);  // no patience limit, overloaded
  CHECK(over.p_wait == 1);
  CHECK(std::isinf(over.mean_wait_all));
  CHECK(over.service_level == 0);
}

TEST_CASE("Erlang A service level matches a second, numerical derivation", "[domain]") {
  // Overloaded (3.6 Erlangs on 3 agents), kept stable by abandonment.
  const unsigned n = 3;
  const double lambda = 0.06, mu = 1.0 / 60, theta = 1.0 / 90, t = 20;
  const auto r = erlang_a(n, lambda, mu, theta, t);
  const auto p = erlang_a_states(n, lambda, mu, theta, 400);
  double wait = 0, queue = 0, sl = 0;
  for (unsigned k = 0; k < p.size(); ++k) {
    if (k < n) {
      sl += p[k];
      continue;
    }
    wait += p[k];
    queue += (k - n) * p[k];
    if (p[k] > 1e-14) sl += p[k] * answered_within(k - n, n, mu, theta, t);
  }
  CAPTURE(r.p_wait, r.p_abandon, r.service_level, sl);
  CHECK(r.p_wait == Approx(wait).epsilon(1e-12));
  CHECK(r.mean_queue == Approx(queue).epsilon(1e-12));
  CHECK(r.service_level == Approx(sl).epsilon(1e-8));
  CHECK(r.p_abandon == Approx(theta * queue / lambda).epsilon(1e-12));
}

TEST_CASE("Erlang A service level spans answered-at-once to everyone-answered",
          "[domain]") {
  const unsigned n = 5;
  const double lambda = 0.05, mu = 1.0 / 120, theta = 1.0 / 60;
  // t = 0: only calls finding an agent free.
  const auto now = erlang_a(n, lambda, mu, theta, 0);
  CHECK(now.service_level == Approx(1 - now.p_wait).epsilon(1e-12));
  // t -> infinity: everyone who does not abandon. P(abandon) = theta E[Q] / lambda
  // and the per-state answer probabilities of the derivation must agree.
  const auto ever = erlang_a(n, lambda, mu, theta, 1e7);
  CHECK(ever.service_level == Approx(1 - ever.p_abandon).epsilon(1e-10));
  const auto mid = erlang_a(n, lambda, mu, theta, 30);
  CHECK(mid.service_level > now.service_level);
  CHECK(mid.service_level < ever.service_level);
}

TEST_CASE("Erlang A stays finite for large, heavily loaded centres", "[domain]") {
  // 500 agents at 110% load, mean patience 10x the handling time: the fluid
  // limit loses the excess, 1 - 1/1.1 = 9.1% of calls.
  const unsigned n = 500;
  const double mu = 1.0 / 300, lambda = 1.1 * n * mu, theta = mu / 10;
  const auto r = erlang_a(n, lambda, mu, theta, 20);
  CAPTURE(r.p_wait, r.p_abandon, r.service_level, r.mean_queue);
  CHECK(r.p_wait > 0.99);
  CHECK(r.p_wait <= 1);
  CHECK(r.p_abandon == Approx(1 - 1 / 1.1).margin(0.005));
  CHECK(r.service_level >= 0);
  CHECK(r.service_level < 0.1);
  CHECK(erlang_a(n, 0, mu, theta, 20).service_level == 1);
}

namespace {

struct mmnm_outcome {
  double waited = 0;            ///< share finding all agents busy
  double abandoned = 0;         ///< share hanging up
  double answered_in_time = 0;  ///< share answered within t
};

/// One replication of M/M/n+M by brute force: every event is a race of
/// exponentials, FCFS queue, abandoning callers leave from wherever they are.
mmnm_outcome simulate_mmnm(unsigned n, double lambda, double mu, double theta, double t,
                           int warmup, int counted, std::uint64_t seed) {
  rng r(seed);
  double now = 0;
  unsigned busy = 0;
  struct waiting_call {
    double arrived;
    bool counted;
  };
  std::deque<waiting_call> queue;
  int arrivals = 0, waited = 0, abandoned = 0, in_time = 0;
  const int total = warmup + counted;
  while (arrivals < total || !queue.empty()) {
    const double arrival_rate = arrivals < total ? lambda : 0;
    const double rate = arrival_rate + busy * mu + queue.size() * theta;
    now += r.exponential(1 / rate);
    double pick = r.uniform() * rate;
    if (pick < arrival_rate) {
      const bool counts = arrivals++ >= warmup;
      if (busy < n) {
        ++busy;
        if (counts) ++in_time;
      } else {
        if (counts) ++waited;
        queue.push_back({now, counts});
      }
    } else if ((pick -= arrival_rate) < busy * mu) {
      if (queue.empty()) {
        --busy;
      } else {
        const auto next = queue.front();
        queue.pop_front();
        if (next.counted && now - next.arrived <= t) ++in_time;
      }
    } else {
      auto i = std::min(static_cast<std::size_t>((pick - busy * mu) / theta), queue.size() - 1);
      if (queue[i].counted) ++abandoned;
      queue.erase(queue.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  return {static_cast<double>(waited) / counted, static_cast<double>(abandoned) / counted,
          static_cast<double>(in_time) / counted};
}

} // namespace

TEST_CASE("Erlang A agrees with a brute-force simulation of the same queue",
          "[domain][stat]") {
  const unsigned n = 3;
  const double lambda = 0.06, mu = 1.0 / 60, theta = 1.0 / 90, t = 20;
  const auto exact = erlang_a(n, lambda, mu, theta, t);
  std::vector<double> waited, abandoned, in_time;
  for (int rep = 0; rep < 40; ++rep) {
    const auto o = simulate_mmnm(n, lambda, mu, theta, t, 500, 5000, derive_seed(5, rep));
    waited.push_back(o.waited);
    abandoned.push_back(o.abandoned);
    in_time.push_back(o.answered_in_time);
  }
  // Independent replications: 4 standard errors of their mean (the 95%
  // half width is about 2 of them).
  auto close = [](const std::vector<double>& xs, double expected) {
    const auto ci = confidence_95(xs);
    const double se = ci.half_width / student_t_quantile_975(ci.n - 1);
    return std::abs(ci.mean - expected) < 4 * se;
  };
  CAPTURE(exact.p_wait, exact.p_abandon, exact.service_level);
  CAPTURE(confidence_95(waited).mean, confidence_95(abandoned).mean,
          confidence_95(in_time).mean);
  CHECK(close(waited, exact.p_wait));
  CHECK(close(abandoned, exact.p_abandon));
  CHECK(close(in_time, exact.service_level));
}
