#include "domain/random.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <set>
#include <utility>

using namespace ccsim;

TEST_CASE("xoshiro256++ reproduces the reference implementation's outputs", "[domain]") {
  // State {1, 2, 3, 4}: outputs of Vigna's xoshiro256plusplus.c, as pinned
  // in rand_xoshiro's (rust-random) reference test.
  auto r = rng::from_state(1, 2, 3, 4);
  const std::uint64_t expected[] = {
      41943041ULL,
      58720359ULL,
      3588806011781223ULL,
      3591011842654386ULL,
      9228616714210784205ULL,
      9973669472204895162ULL,
      14011001112246962877ULL,
      12406186145184390807ULL,
      15849039046786891736ULL,
      10450023813501588000ULL,
  };
  for (std::uint64_t e : expected) CHECK(r.next_u64() == e);
}

TEST_CASE("a seed expands through splitmix64 into the generator state", "[domain]") {
  // splitmix64 seeded with 0 first outputs E220A8397B1DCDAF, 6E789E6AA1B965F4,
  // 06C45D188009454F, F88BB8A8724C81EC (Vigna's splitmix64.c): rng(0) must
  // start from exactly that state.
  rng seeded(0);
  auto manual = rng::from_state(0xe220a8397b1dcdafULL, 0x6e789e6aa1b965f4ULL,
                                0x06c45d188009454fULL, 0xf88bb8a8724c81ecULL);
  for (int i = 0; i < 8; ++i) CHECK(seeded.next_u64() == manual.next_u64());
  // First output from seed 12345, computed with an independent Python
  // implementation of both algorithms: pins the stream across releases.
  CHECK(rng(12345).next_u64() == 0x8d948a82def8a568ULL);
}

TEST_CASE("the same seed gives the same stream, and other seeds another", "[domain]") {
  rng a(7), b(7), c(8);
  int differences = 0;
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next_u64();
    CHECK(x == b.next_u64());
    if (x != c.next_u64()) ++differences;
  }
  CHECK(differences == 100);
}

TEST_CASE("derive_seed is stable and gives every stream its own seed", "[domain]") {
  // Pinned values (from a Python model of the same mixing): a change here
  // silently changes every scenario's random numbers.
  CHECK(derive_seed(1, 2, 3) == 0xb33e7ad2cc083d6fULL);
  CHECK(derive_seed(42, 0) == 0x3baf718acf129178ULL);
  CHECK(derive_seed(42, 0) == derive_seed(42, 0, 0));

  std::set<std::uint64_t> seen;
  for (std::uint64_t a = 0; a < 1000; ++a)
    for (std::uint64_t b = 0; b < 10; ++b) seen.insert(derive_seed(99, a, b));
  CHECK(seen.size() == 10000u);
  CHECK(derive_seed(99, 1, 2) != derive_seed(99, 2, 1));
  CHECK(derive_seed(99, 1, 2) != derive_seed(100, 1, 2));
}

TEST_CASE("uniform takes the top 53 bits and stays in 0 <= x < 1", "[domain]") {
  auto bits = rng::from_state(1, 2, 3, 4);
  auto r = rng::from_state(1, 2, 3, 4);
  for (int i = 0; i < 1000; ++i) {
    const double expected = static_cast<double>(bits.next_u64() >> 11) * 0x1.0p-53;
    const double u = r.uniform();
    CHECK(u == expected);
    CHECK(u >= 0.0);
    CHECK(u < 1.0);
  }
  rng p(3);
  for (int i = 0; i < 1000; ++i) {
    const double u = p.uniform_pos();
    CHECK(u > 0.0);
    CHECK(u <= 1.0);
  }
}

namespace {

/// Mean and (n - 1) variance of n draws.
template <class Draw>
std::pair<double, double> mean_and_variance(int n, Draw draw) {
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = draw();
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / n;
  return {mean, (sum2 - n * mean * mean) / (n - 1)};
}

} // namespace

TEST_CASE("uniform draws have mean 1/2 and variance 1/12", "[domain][stat]") {
  const int n = 200000;
  rng r(2024);
  auto [mean, var] = mean_and_variance(n, [&] { return r.uniform(); });
  CAPTURE(mean, var);
  CHECK(std::abs(mean - 0.5) < 4 * std::sqrt(1.0 / 12 / n));
  // Var of (U - 1/2)^2 is 1/180: the sample variance's standard error.
  CHECK(std::abs(var - 1.0 / 12) < 4 * std::sqrt(1.0 / 180 / n));
}

TEST_CASE("exponential draws have the requested mean", "[domain][stat]") {
  const int n = 200000;
  const double m = 180;
  rng r(5);
  auto [mean, var] = mean_and_variance(n, [&] { return r.exponential(m); });
  CAPTURE(mean, std::sqrt(var));
  CHECK(std::abs(mean - m) < 4 * m / std::sqrt(n));
  // The sd of an exponential equals its mean; SE of the variance is sqrt(8) m^2 / sqrt(n).
  CHECK(std::abs(var - m * m) < 4 * std::sqrt(8.0) * m * m / std::sqrt(n));
}

TEST_CASE("standard normal draws have mean 0, variance 1 and 95% within 1.96", "[domain][stat]") {
  const int n = 200000;
  rng r(11);
  double sum = 0, sum2 = 0;
  int inside = 0;
  for (int i = 0; i < n; ++i) {
    const double z = r.standard_normal();
    sum += z;
    sum2 += z * z;
    if (std::abs(z) < 1.959963984540054) ++inside;
  }
  const double mean = sum / n;
  const double var = sum2 / n - mean * mean;
  const double share = static_cast<double>(inside) / n;
  CAPTURE(mean, var, share);
  CHECK(std::abs(mean) < 4 / std::sqrt(n));
  CHECK(std::abs(var - 1) < 4 * std::sqrt(2.0 / n));  // Var(Z^2) = 2
  CHECK(std::abs(share - 0.95) < 4 * std::sqrt(0.95 * 0.05 / n));
}

TEST_CASE("streams from neighbouring derived seeds are uncorrelated", "[domain][stat]") {
  const int n = 100000;
  rng a(derive_seed(1, 0)), b(derive_seed(1, 1));
  double sab = 0, sa = 0, sb = 0, saa = 0, sbb = 0;
  for (int i = 0; i < n; ++i) {
    const double x = a.uniform(), y = b.uniform();
    sab += x * y;
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
  }
  const double cov = sab / n - (sa / n) * (sb / n);
  const double corr = cov / std::sqrt((saa / n - sa * sa / n / n) * (sbb / n - sb * sb / n / n));
  CAPTURE(corr);
  CHECK(std::abs(corr) < 4 / std::sqrt(n));
}
