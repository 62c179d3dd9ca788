#pragma once
// The route table: method + path pattern -> handler, with the metadata the
// OpenAPI description is generated from (so the document cannot forget a
// route the server knows).
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "live/engine.hpp"
#include "web/errors.hpp"
#include "web/http_types.hpp"
#include "web/key_store.hpp"

namespace ccsim::web {

/// Who may call a route.
enum class access {
  open,    ///< no key needed
  tenant,  ///< the key of the tenant named in the path, or the admin key
  any_key, ///< any valid key (tenant or admin)
  admin,   ///< the admin key only
};
std::string_view to_string(access a);

using path_params = std::map<std::string, std::string>;

/// A request that passed routing and auth, as its handler sees it.
struct call {
  const request& req;
  path_params params;
  principal who;             ///< the caller (empty tenant and not admin: no key on an open route)
  live::tenant_info tenant;  ///< access::tenant routes: the tenant in the path, resolved
};
using handler = std::function<void(const call&, responder)>;

struct route {
  std::string method;          ///< "GET", "POST", "DELETE"
  std::string pattern;         ///< "/api/tenants/{tenant}/agents/{agent}"
  std::string summary;         ///< one line for the API description
  access auth = access::open;
  std::string request_schema;  ///< OpenAPI component of the body ("" = no body)
  std::string response_schema; ///< OpenAPI component of a success body ("" = generic)
  std::vector<int> statuses;   ///< documented answers (success first)
  handler fn;
};

/// The outcome of matching a request.
struct route_match {
  const route* found = nullptr;
  path_params params;
  std::vector<std::string> allowed;  ///< methods of a matching path (for 405)
};

class router {
public:
  void add(route r);
  /// The route for a request's method and path. Not found: `found` is null
  /// and `allowed` lists the methods the path does support (empty: 404).
  route_match match(const std::string& method, const std::string& path) const;
  const std::vector<route>& routes() const { return routes_; }

private:
  static bool match_pattern(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                            path_params& out);
  std::vector<route> routes_;
  std::vector<std::vector<std::string>> segments_;  ///< per route
};

/// "/a/b/" -> {"a", "b"}; a trailing slash is ignored.
std::vector<std::string> split_path(const std::string& path);

} // namespace ccsim::web
