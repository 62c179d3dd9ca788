#pragma once
// API keys: one admin key and one key per tenant. Only SHA-256 digests are
// kept (a key is shown once, when it is made, and never logged); checks
// compare digests in constant time.
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "web/sha256.hpp"

namespace ccsim::web {

/// Who a request speaks for.
struct principal {
  bool admin = false;
  std::string tenant;  ///< the tenant a tenant key belongs to (empty for admin)
};

class key_store {
public:
  /// `admin_key`: taken as is (at least 16 characters).
  explicit key_store(const std::string& admin_key);

  /// A fresh random key: "ccsim_" followed by 32 hex digits (128 bits).
  static std::string generate_key();

  /// Makes a new key for `tenant` (replacing any earlier one) and returns it:
  /// the only time the key exists in clear text.
  std::string issue(const std::string& tenant);
  /// Forgets the tenant's key.
  void revoke(const std::string& tenant);
  bool has_key(const std::string& tenant) const;

  bool is_admin(const std::string& key) const;
  /// True for the admin key and for `tenant`'s own key.
  bool may_access(const std::string& key, const std::string& tenant) const;
  /// Whose key this is; nullopt for an unknown key.
  std::optional<principal> identify(const std::string& key) const;

private:
  sha256_digest admin_;
  mutable std::mutex mtx_;
  std::unordered_map<std::string, sha256_digest> tenants_;  ///< tenant -> digest of its key
};

} // namespace ccsim::web
