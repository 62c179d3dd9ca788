#pragma once
// Seeded, portable pseudo-random numbers: xoshiro256++ seeded through
// splitmix64. The integer stream and uniform() are bit-identical on every
// platform and standard library. The transforms below use our own formulas
// on top of std::log and std::sqrt, never <random>'s distributions (whose
// output is implementation-defined); sqrt is exactly rounded by IEEE 754,
// log is not required to be, so a different C library could in principle
// differ in the last bit of an exponential or normal draw. The draws sit on
// the simulation's hot path, so they are defined inline here and never
// allocate.
#include <bit>
#include <cmath>
#include <cstdint>

namespace ccsim {

/// Mixes a seed with stream identifiers into an independent 64-bit seed.
/// derive_seed(s, a, b) differs for every (a, b) and is stable across releases.
/// For a fixed seed and b, distinct a give distinct results (and vice versa):
/// each step is a bijection of the 64-bit value.
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0);

class rng {
public:
  /// The state is four successive splitmix64 outputs from `seed`, as the
  /// xoshiro authors recommend; never all zero.
  explicit rng(std::uint64_t seed = 0);
  /// A generator in exactly this state (not all zero), to check the
  /// implementation against the published reference vectors.
  static rng from_state(std::uint64_t s0, std::uint64_t s1, std::uint64_t s2, std::uint64_t s3);

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

// xoshiro256++ 1.0, Blackman and Vigna, https://prng.di.unimi.it/xoshiro256plusplus.c
inline std::uint64_t rng::next_u64() {
  const std::uint64_t result = std::rotl(s_[0] + s_[3], 23) + s_[0];
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = std::rotl(s_[3], 45);
  return result;
}

inline double rng::uniform() {
  // The top 53 bits fill a double's mantissa exactly: no rounding, every
  // value a multiple of 2^-53.
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

inline double rng::exponential(double mean) { return -mean * std::log(uniform_pos()); }

inline double rng::standard_normal() {
  // Polar method using only the first coordinate: one value per accepted
  // pair. Discarding the spare keeps every draw independent of history.
  for (;;) {
    const double u = 2.0 * uniform() - 1.0;
    const double v = 2.0 * uniform() - 1.0;
    const double s = u * u + v * v;
    if (s < 1.0 && s > 0.0) return u * std::sqrt(-2.0 * std::log(s) / s);
  }
}

} // namespace ccsim
