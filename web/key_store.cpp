#include "web/key_store.hpp"

#include <random>

namespace ccsim::web {

key_store::key_store(const std::string& admin_key) : admin_(sha256_of(admin_key)) {}

std::string key_store::generate_key() {
  static constexpr char digits[] = "0123456789abcdef";
  std::random_device rd;  // the kernel's CSPRNG on Linux
  std::string out = "ccsim_";
  for (int i = 0; i < 4; ++i) {
    auto word = rd();
    for (int j = 0; j < 8; ++j) {
      out.push_back(digits[word & 15]);
      word >>= 4;
    }
  }
  return out;
}

std::string key_store::issue(const std::string& tenant) {
  auto key = generate_key();
  auto digest = sha256_of(key);
  std::lock_guard<std::mutex> guard{mtx_};
  tenants_[tenant] = digest;
  return key;
}

void key_store::revoke(const std::string& tenant) {
  std::lock_guard<std::mutex> guard{mtx_};
  tenants_.erase(tenant);
}

bool key_store::has_key(const std::string& tenant) const {
  std::lock_guard<std::mutex> guard{mtx_};
  return tenants_.count(tenant) != 0;
}

bool key_store::is_admin(const std::string& key) const {
  return !key.empty() && constant_time_equal(sha256_of(key), admin_);
}

bool key_store::may_access(const std::string& key, const std::string& tenant) const {
  if (key.empty()) return false;
  auto digest = sha256_of(key);
  bool admin = constant_time_equal(digest, admin_);
  bool own = false;
  {
    std::lock_guard<std::mutex> guard{mtx_};
    auto it = tenants_.find(tenant);
    own = it != tenants_.end() && constant_time_equal(digest, it->second);
  }
  return admin || own;
}

std::optional<principal> key_store::identify(const std::string& key) const {
  if (key.empty()) return std::nullopt;
  auto digest = sha256_of(key);
  if (constant_time_equal(digest, admin_)) return principal{true, {}};
  std::lock_guard<std::mutex> guard{mtx_};
  // Every entry is compared (no early exit), so the time does not tell which matched.
  std::optional<principal> found;
  for (auto& [name, d] : tenants_)
    if (constant_time_equal(digest, d)) found = principal{false, name};
  return found;
}

} // namespace ccsim::web
