#include "web/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "web/errors.hpp"
#include "web/router.hpp"

namespace ccsim::web {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t max_file_bytes = 16u << 20;

std::string lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

} // namespace

std::string content_type_for(const std::string& file_name) {
  auto dot = file_name.rfind('.');
  auto ext = dot == std::string::npos ? std::string{} : lower(file_name.substr(dot + 1));
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "gif") return "image/gif";
  if (ext == "ico") return "image/x-icon";
  if (ext == "webp") return "image/webp";
  if (ext == "woff") return "font/woff";
  if (ext == "woff2") return "font/woff2";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

response serve_static(const std::string& ui_dir, const std::string& path) {
  auto segments = split_path(path);
  for (auto& s : segments) {
    // Checked on the decoded path, so "%2e%2e" is caught too.
    if (s == "." || s == ".." || s.front() == '.' || s.find('\\') != std::string::npos ||
        s.find('\0') != std::string::npos)
      return error_response(bad_request("bad_path", "the path may not contain '.', '..', hidden or escaped parts"));
  }
  if (path.find("//") != std::string::npos)
    return error_response(bad_request("bad_path", "the path may not contain empty parts"));
  std::error_code ec;
  auto root = fs::canonical(ui_dir, ec);
  if (ec) return error_response(not_found("not_found", "no wallboard files are installed (ui dir missing)"));
  fs::path file = root;
  for (auto& s : segments) file /= s;
  if (segments.empty() || fs::is_directory(file, ec)) file /= "index.html";
  auto real = fs::canonical(file, ec);
  if (ec || !fs::is_regular_file(real, ec)) return error_response(not_found("not_found", "no such file: " + path));
  // A symlink may not lead out of the UI folder.
  auto rel = real.lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..") return error_response(not_found("not_found", "no such file: " + path));
  auto size = fs::file_size(real, ec);
  if (ec || size > max_file_bytes) return error_response(not_found("not_found", "file not readable: " + path));
  std::ifstream in(real, std::ios::binary);
  if (!in) return error_response(not_found("not_found", "file not readable: " + path));
  std::ostringstream text;
  text << in.rdbuf();
  response r;
  r.status = 200;
  r.content_type = content_type_for(real.filename().string());
  r.body = text.str();
  r.headers.emplace_back("Cache-Control", "no-cache");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

} // namespace ccsim::web
