#pragma once
// Seeded, portable pseudo-random numbers: xoshiro256++ seeded through
// splitmix64. Identical output on every platform and standard library.
#include <cstdint>

namespace ccsim {

/// Mixes a seed with stream identifiers into an independent 64-bit seed.
/// derive_seed(s, a, b) differs for every (a, b) and is stable across releases.
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0);

class rng {
public:
  explicit rng(std::uint64_t seed = 0);
  std::uint64_t next_u64();
  /// Uniform in [0, 1), 53 bits.
  double uniform();
  /// Uniform in (0, 1]: safe for log().
  double uniform_pos() { return 1.0 - uniform(); }
  /// Exponential with the given mean.
  double exponential(double mean);
  /// Standard normal (Marsaglia polar method, no cached spare so that the
  /// stream position does not depend on call history parity).
  double standard_normal();

private:
  std::uint64_t s_[4];
};

} // namespace ccsim
