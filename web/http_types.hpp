#pragma once
// The HTTP layer as the REST handlers see it: plain structs, no Beast. The
// sessions translate to and from Beast messages; handlers stay testable
// without a socket and Beast's headers stay in a few .cpp files.
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ccsim::web {

struct request {
  std::string method;   ///< "GET", "POST", ...
  std::string path;     ///< percent-decoded, without the query
  std::map<std::string, std::string> query;  ///< decoded query parameters
  std::string api_key;  ///< the X-Api-Key header ("" when absent)
  std::string content_type;
  std::string body;
};

struct response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra ones
};

/// Completes a request. Called exactly once, from any thread.
using responder = std::function<void(response)>;

/// Splits "/a/b?x=1&y=%20" into a decoded path and query parameters.
/// False for a target that is not an origin-form path or has a bad escape.
bool parse_target(std::string_view target, std::string& path,
                  std::map<std::string, std::string>& query);

/// Decodes %XX escapes (and '+' as space when `plus_is_space`); false on a
/// malformed escape or a decoded NUL byte.
bool percent_decode(std::string_view in, std::string& out, bool plus_is_space);

} // namespace ccsim::web
