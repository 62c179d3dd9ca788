#pragma once
// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), small and dependency
// free: the stack has no OpenSSL. Used to store API keys as digests and to
// sign webhook bodies. Not tuned for speed; inputs are keys and JSON bodies.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ccsim::web {

using sha256_digest = std::array<std::uint8_t, 32>;

/// Incremental hashing: update() any number of times, then finish() once.
class sha256 {
public:
  sha256();
  void update(const void* data, std::size_t size);
  void update(std::string_view text) { update(text.data(), text.size()); }
  sha256_digest finish();

private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

/// The digest of `data` in one call.
sha256_digest sha256_of(std::string_view data);

/// HMAC-SHA256 of `message` under `key` (keys longer than 64 bytes are hashed first).
sha256_digest hmac_sha256(std::string_view key, std::string_view message);

/// Lower-case hexadecimal, two characters per byte.
std::string to_hex(const sha256_digest& d);

/// Equal without an early exit: the time taken does not depend on where
/// the first difference is.
bool constant_time_equal(const sha256_digest& a, const sha256_digest& b);

} // namespace ccsim::web
