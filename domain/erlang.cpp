#include "domain/erlang.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <limits>

namespace ccsim {

double erlang_b(unsigned servers, double offered_erlangs) {
  if (!(offered_erlangs > 0)) return servers == 0 ? 1.0 : 0.0;
  // B(k) = a B(k-1) / (k + a B(k-1)): every step stays in [0, 1], unlike the
  // textbook a^n/n! over a sum, which overflows beyond n ~ 170.
  double b = 1.0;
  for (unsigned k = 1; k <= servers; ++k) b = offered_erlangs * b / (k + offered_erlangs * b);
  return b;
}

double erlang_c(unsigned servers, double offered_erlangs) {
  const double n = servers;
  if (offered_erlangs >= n) return 1.0;
  if (!(offered_erlangs > 0)) return 0.0;
  const double b = erlang_b(servers, offered_erlangs);
  return n * b / (n - offered_erlangs * (1.0 - b));
}

double erlang_c_service_level(unsigned n, double offered_erlangs, double aht_seconds,
                              double t_seconds) {
  assert(aht_seconds > 0);
  if (offered_erlangs >= static_cast<double>(n)) return 0.0;
  const double c = erlang_c(n, offered_erlangs);
  return 1.0 - c * std::exp(-(n - offered_erlangs) * t_seconds / aht_seconds);
}

double erlang_c_asa(unsigned n, double offered_erlangs, double aht_seconds) {
  if (offered_erlangs >= static_cast<double>(n)) return std::numeric_limits<double>::infinity();
  return erlang_c(n, offered_erlangs) * aht_seconds / (n - offered_erlangs);
}

// Erlang A service level, derived.
//
// By PASTA an arrival sees the stationary state. Finding k < n in the system
// it is answered at once. Finding k = n + j (j waiting ahead) it moves one
// place forward whenever an agent frees up (rate c = n mu, all agents stay
// busy while anyone waits) or one of the i calls ahead hangs up (rate
// i theta). Its offered wait V (the wait if it never hung up) is therefore
// a sum of independent exponentials with rates c + i theta, i = j, ..., 0.
// It is answered within t iff V <= t and V <= its own patience
// tau ~ Exp(theta), independent of V:
//
//   P = E[1{V <= t} e^(-theta V)].
//
// Tilting every stage by e^(-theta v) turns rate r into r + theta with
// weight r / (r + theta). The weights telescope to c / (c + (j+1) theta),
// the probability of being answered at all, and the tilted stage rates are
// c + m theta, m = 1..J with J = j + 1. That sum V' has the Laplace
// transform prod (beta + m) / (beta + m + s/theta) with beta = c / theta,
// which is E[U^(s/theta)] for U ~ Beta(beta + 1, J); so V' = -ln(U) / theta
// and
//
//   P(V' <= t) = P(U >= x) = 1 - I_x(beta + 1, J),  x = e^(-theta t).
//
// For integer J the incomplete beta is a finite negative-binomial sum,
//
//   I_x(a, J) = sum_{i<J} u_i,  u_i = x^a Gamma(a+i) / (Gamma(a) i!) (1-x)^i,
//
// whose terms follow u_i = u_(i-1) (a+i-1)/i (1-x): one more term per
// state, so the whole service level costs O(states). (Check: J = 1 gives
// 1 - e^(-(c + theta) t), the single exponential stage.)

namespace {

/// Running sum of the u_i above, in logs so that x^a may underflow without
/// losing the later terms.
class incomplete_beta_terms {
public:
  incomplete_beta_terms(double a, double theta_t)
      : a_(a), log_y_(std::log(-std::expm1(-theta_t))), log_u_(-a * theta_t) {}

  /// I_x(a, J): the sum of the first J terms.
  double sum_of_first(std::uint64_t j_terms) {
    for (; next_ < j_terms; ++next_) {
      if (next_ > 0)
        log_u_ += std::log((a_ + static_cast<double>(next_) - 1.0) / static_cast<double>(next_))
                  + log_y_;
      sum_ += std::exp(log_u_);
    }
    return sum_;
  }

private:
  double a_;
  double log_y_;  ///< log(1 - x)
  double log_u_;  ///< log of the term with index next_ - 1 (of u_0 before the first)
  double sum_ = 0;
  std::uint64_t next_ = 0;
};

/// Relative weight below which the rest of the distribution is dropped.
constexpr double tail_tolerance = 1e-17;

erlang_a_result erlang_a_without_abandonment(unsigned n, double lambda, double mu,
                                             double t_seconds) {
  erlang_a_result r;
  const double a = lambda / mu;
  if (a >= static_cast<double>(n)) {
    const double inf = std::numeric_limits<double>::infinity();
    return {1.0, 0.0, inf, inf, 0.0};
  }
  r.p_wait = erlang_c(n, a);
  r.mean_queue = r.p_wait * a / (n - a);
  r.mean_wait_all = r.mean_queue / lambda;
  r.service_level = erlang_c_service_level(n, a, 1.0 / mu, t_seconds);
  return r;
}

} // namespace

erlang_a_result erlang_a(unsigned n, double arrival_rate_per_s, double service_rate_per_s,
                         double abandon_rate_per_s, double t_seconds) {
  const double lambda = arrival_rate_per_s;
  const double mu = service_rate_per_s;
  const double theta = abandon_rate_per_s;
  assert(lambda >= 0 && mu > 0 && theta >= 0 && t_seconds >= 0);
  if (!(lambda > 0)) return {0.0, 0.0, 0.0, 0.0, 1.0};
  if (!(theta > 0)) return erlang_a_without_abandonment(n, lambda, mu, t_seconds);

  const double nd = n;
  const double c = nd * mu;  // rate at which the queue head is taken
  auto death = [&](std::uint64_t k) {
    const double kd = static_cast<double>(k);
    return std::min(kd, nd) * mu + std::max(kd - nd, 0.0) * theta;
  };
  // p(k) / p(k-1) = lambda / death(k) falls as k grows, so the distribution
  // is unimodal: sum outwards from the mode, where weights are largest, and
  // nothing overflows.
  const std::uint64_t mode =
      lambda < c ? static_cast<std::uint64_t>(std::floor(lambda / mu))
                 : n + static_cast<std::uint64_t>(std::floor((lambda - c) / theta));

  double total = 1.0;
  std::uint64_t lo = mode;
  double w_lo = 1.0;
  {
    double w = 1.0;
    for (std::uint64_t k = mode; k > 0; --k) {
      w *= death(k) / lambda;
      total += w;
      lo = k - 1;
      w_lo = w;
      // Further ratios only shrink, so the rest is below a geometric series.
      const double r = death(k - 1) / lambda;
      if (r < 1.0 && w * r / (1.0 - r) < tail_tolerance * total) break;
    }
  }
  std::uint64_t hi = mode;
  {
    double w = 1.0;
    for (std::uint64_t k = mode;; ++k) {
      w *= lambda / death(k + 1);
      total += w;
      hi = k + 1;
      const double r = lambda / death(k + 2);
      if (r < 1.0 && w * r / (1.0 - r) < tail_tolerance * total) break;
    }
  }

  // One ascending pass over the kept states, weights relative to the mode.
  incomplete_beta_terms beta_terms(c / theta + 1.0, theta * t_seconds);
  double sum = 0, waiting = 0, queue = 0, answered_in_time = 0;
  double w = w_lo;
  for (std::uint64_t k = lo;; ++k) {
    sum += w;
    if (k < n) {
      answered_in_time += w;
    } else {
      const std::uint64_t j = k - n;
      const double jd = static_cast<double>(j);
      waiting += w;
      queue += jd * w;
      const double answered = c / (c + (jd + 1.0) * theta);
      const double within_t = std::max(1.0 - beta_terms.sum_of_first(j + 1), 0.0);
      answered_in_time += w * answered * within_t;
    }
    if (k == hi) break;
    w *= lambda / death(k + 1);
  }

  erlang_a_result r;
  r.p_wait = waiting / sum;
  r.mean_queue = queue / sum;
  r.p_abandon = theta * r.mean_queue / lambda;
  r.mean_wait_all = r.mean_queue / lambda;
  r.service_level = answered_in_time / sum;
  return r;
}

} // namespace ccsim
