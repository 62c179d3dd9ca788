#include "domain/random.hpp"

#include <cassert>

namespace ccsim {

namespace {

constexpr std::uint64_t golden_gamma = 0x9e3779b97f4a7c15;  // splitmix64's increment

/// splitmix64's output function (Stafford's Mix13): a bijection on 64 bits
/// with full avalanche, so nearby inputs give unrelated outputs.
std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/// One step of splitmix64 (Steele, Lea and Flood 2014), https://prng.di.unimi.it/splitmix64.c
std::uint64_t splitmix64_next(std::uint64_t& x) {
  x += golden_gamma;
  return mix64(x);
}

} // namespace

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t a, std::uint64_t b) {
  // Each identifier is mixed before it is combined, so (a, b) and (b, a),
  // or a and a + 1, land far apart. Different offsets keep a and b from
  // cancelling when equal.
  std::uint64_t h = mix64(seed + golden_gamma);
  h = mix64(h ^ mix64(a + 2 * golden_gamma));
  h = mix64(h ^ mix64(b + 3 * golden_gamma));
  return h;
}

rng::rng(std::uint64_t seed) {
  std::uint64_t x = seed;
  for (auto& word : s_) word = splitmix64_next(x);
}

rng rng::from_state(std::uint64_t s0, std::uint64_t s1, std::uint64_t s2, std::uint64_t s3) {
  // All zero is xoshiro's fixed point: it would return 0 forever.
  assert((s0 | s1 | s2 | s3) != 0);
  rng r;
  r.s_[0] = s0;
  r.s_[1] = s1;
  r.s_[2] = s2;
  r.s_[3] = s3;
  return r;
}

} // namespace ccsim
