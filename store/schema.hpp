#pragma once
// The database layout and its versions. PRAGMA user_version holds the
// schema version; each migration moves a database one version forward, so a
// file written by an older ccsim is upgraded on open, and a file from a
// newer ccsim is refused (we cannot know what its tables mean).
#include <filesystem>
#include <memory>

#include "store/sqlite.hpp"

namespace ccsim::store {

/// The version this build writes and understands.
inline constexpr int schema_version = 3;
/// PRAGMA application_id of a ccsim database ("ccsm").
inline constexpr int application_id = 0x6363736d;

/// Opens (or, with open_mode::create, creates) a ccsim database: checks that
/// it is one, refuses a newer schema, migrates an older one and switches to
/// WAL so readers never block the writer. Every failure is a db_error that
/// names the file and the cause.
std::unique_ptr<connection> open_database(const std::filesystem::path& file,
                                          connection::open_mode mode);

/// Opens for reading commands: read-write when possible (so stale runs can
/// be marked interrupted), read-only when the file is not writable.
std::unique_ptr<connection> open_for_reading(const std::filesystem::path& file);

} // namespace ccsim::store
