#pragma once
// The wallboard's files (web/ui/) over HTTP: GET only, content type from
// the extension, nothing outside the UI folder (no "..", no hidden files,
// no symlinks leading out).
#include <string>

#include "web/http_types.hpp"

namespace ccsim::web {

/// "text/html; charset=utf-8" for ".html", ...; "application/octet-stream" otherwise.
std::string content_type_for(const std::string& file_name);

/// The answer for a decoded request path ("/" is index.html): the file,
/// 404 "not_found", or 400 "bad_path" for traversal attempts.
response serve_static(const std::string& ui_dir, const std::string& path);

} // namespace ccsim::web
