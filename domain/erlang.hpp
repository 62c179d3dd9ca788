#pragma once
// Closed-form queueing results the simulator is checked against and that
// reports show next to simulated KPIs: Erlang B (M/M/n/n, blocked calls
// lost), Erlang C (M/M/n, infinite patience) and Erlang A (M/M/n+M,
// exponential patience). All are steady-state values.
//
// Units: offered load in Erlangs (arrival rate x mean handling time); times
// in seconds; rates per second.

namespace ccsim {

/// Probability that a call is blocked in M/M/n/n with `offered_erlangs` of
/// load. 1 for n = 0; 0 for no load. Stable recursion, fine for any n.
double erlang_b(unsigned servers, double offered_erlangs);

/// Probability that a call has to wait (P(wait > 0)) in M/M/n. 1 when the
/// load is at least the number of servers (the queue grows without bound).
double erlang_c(unsigned servers, double offered_erlangs);

/// Share of calls whose wait is at most `t_seconds` in M/M/n:
/// 1 - C * exp(-(n - a) * t / aht). 0 when the load is at least n.
double erlang_c_service_level(unsigned n, double offered_erlangs, double aht_seconds,
                              double t_seconds);

/// Average speed of answer: mean wait over all calls (those served at once
/// count with 0), C * aht / (n - a). +infinity when the load is at least n.
double erlang_c_asa(unsigned n, double offered_erlangs, double aht_seconds);

/// Steady state of M/M/n+M (Erlang A, Palm's model): Poisson arrivals,
/// exponential service, FCFS, callers abandon after an exponential patience.
/// Every share is over all arrivals.
struct erlang_a_result {
  double p_wait = 0;        ///< finds all agents busy on arrival (waits > 0)
  double p_abandon = 0;     ///< hangs up before being answered
  /// Mean time in queue, counting abandoners until they hang up and calls
  /// answered at once as 0 (E[queue] / arrival rate, Little's law).
  double mean_wait_all = 0;
  double mean_queue = 0;    ///< mean number of calls waiting
  /// Share of all arrivals that are answered within t (wait <= t and not
  /// abandoned): abandoned calls count as failures whenever they hang up.
  /// Exact (see erlang.cpp for the derivation).
  double service_level = 0;
};

/// Erlang A by solving the birth-death chain numerically: the state
/// probabilities are summed outwards from the most likely state until the
/// rest is below 1e-17 of the total, so results are exact to double
/// precision. Cost grows with n + the number of states with noticeable
/// probability: about (arrival rate - n * service rate) / abandon rate when
/// overloaded; it gets slow only for patience far longer than plausible.
/// With `abandon_rate_per_s` == 0 this is Erlang C (infinite queue when the
/// load is at least n: p_wait 1, p_abandon 0, waits infinite, service level 0).
erlang_a_result erlang_a(unsigned n, double arrival_rate_per_s, double service_rate_per_s,
                         double abandon_rate_per_s, double t_seconds);

} // namespace ccsim
