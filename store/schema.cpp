#include "store/schema.hpp"

#include <string>
#include <unistd.h>
#include <vector>

namespace ccsim::store {

namespace {

// migrations[v] takes a database from version v to v + 1. Never edit a
// shipped entry: add the next one.
const std::vector<const char*> migrations = {
  // 0 -> 1: the first layout.
  R"sql(
CREATE TABLE runs (
  run_id        INTEGER PRIMARY KEY,
  scenario      TEXT NOT NULL,          -- scenario name
  scenario_path TEXT NOT NULL,
  scenario_text TEXT NOT NULL,          -- the whole file, so the run can be rebuilt
  seed          INTEGER NOT NULL,
  replications  INTEGER NOT NULL,
  options       TEXT NOT NULL,          -- command line options of the run
  code_version  TEXT NOT NULL,
  interval_ns   INTEGER NOT NULL,       -- length of the rows in `intervals`
  started_at    TEXT NOT NULL,          -- UTC, ISO 8601
  heartbeat_at  TEXT NOT NULL,          -- last commit of the recorder
  finished_at   TEXT,
  wall_s        REAL,                   -- wall-clock seconds of the simulation
  status        TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
  status_detail TEXT,
  host          TEXT NOT NULL,          -- the recording process: host, pid and its
  pid           INTEGER NOT NULL,       -- start time, to tell a live run from one
  pid_start     INTEGER NOT NULL,       -- whose process died (kill -9, power loss)
  report_json   TEXT                    -- the live report as the run printed it
);

-- One (replication, tenant) simulation of a run.
CREATE TABLE jobs (
  job_id        INTEGER PRIMARY KEY,
  run_id        INTEGER NOT NULL REFERENCES runs (run_id),
  replication   INTEGER NOT NULL,
  tenant        INTEGER NOT NULL,
  tenant_name   TEXT NOT NULL,
  committed_seq INTEGER NOT NULL DEFAULT -1,  -- every event up to this one is stored
  events        INTEGER NOT NULL DEFAULT 0,
  offered       INTEGER NOT NULL DEFAULT 0,   -- counted calls that arrived so far
  answered      INTEGER NOT NULL DEFAULT 0,
  end_ns        INTEGER,                      -- simulated end, once finished
  finished      INTEGER NOT NULL DEFAULT 0,
  UNIQUE (run_id, replication, tenant)
);

-- Names behind the codes in the other tables, per tenant of a run.
CREATE TABLE names (
  run_id INTEGER NOT NULL,
  tenant INTEGER NOT NULL,
  kind   TEXT NOT NULL CHECK (kind IN ('call_type', 'agent_type', 'break_reason')),
  code   INTEGER NOT NULL,
  name   TEXT NOT NULL,
  PRIMARY KEY (run_id, tenant, kind, code)
) WITHOUT ROWID;

-- One call detail record per call, warm-up calls included (counted = 0).
-- Times are integer nanoseconds, relative where that keeps them small;
-- *_dseq are event sequence numbers relative to `seq`, so the event stream
-- can be rebuilt in its exact order.
CREATE TABLE calls (
  job_id        INTEGER NOT NULL,
  seq           INTEGER NOT NULL,  -- sequence number of its arrival event
  call_id       INTEGER NOT NULL,
  call_type     INTEGER NOT NULL,
  direction     INTEGER NOT NULL,  -- 0 inbound, 1 outbound
  counted       INTEGER NOT NULL,
  arrived_ns    INTEGER NOT NULL,  -- since the scenario start
  outcome       INTEGER NOT NULL,  -- 0 answered, 1 abandoned, 2 rejected, 3 in system at the end
  reject_reason INTEGER NOT NULL,  -- 0 none, 1 queue_full, 2 tenant_queue_full, 3 max_wait
  qualification INTEGER NOT NULL,  -- 0 none, 1 ok, 2 ko
  agent         INTEGER,
  agent_type    INTEGER,
  queued_ns     INTEGER,           -- arrival -> first queue entry; NULL: never queued
  dequeued_ns   INTEGER,           -- first queue entry -> taken by an agent
  wait_ns       INTEGER,           -- arrival -> answered, abandoned or rejected
  talk_ns       INTEGER,
  wrap_ns       INTEGER,
  queued_dseq   INTEGER,
  dequeued_dseq INTEGER,
  answer_dseq   INTEGER,
  last_dseq     INTEGER,           -- its end
  bundled       INTEGER NOT NULL,  -- agent changes this row stands for (see agent_state_changes):
                                   -- 1 available -> reserved -> on_call at the answer,
                                   -- 2 on_call -> end_to right after the end
  end_to        INTEGER,
  PRIMARY KEY (job_id, seq)
) WITHOUT ROWID;

-- Queue entries and exits after a call's first one (an agent refused it).
CREATE TABLE call_requeues (
  job_id   INTEGER NOT NULL,
  seq      INTEGER NOT NULL,
  call_seq INTEGER NOT NULL,       -- calls.seq of the call
  entered  INTEGER NOT NULL,       -- 1 entered the queue, 0 left it for an agent
  at_ns    INTEGER NOT NULL,
  PRIMARY KEY (job_id, seq)
) WITHOUT ROWID;

-- Agent state changes that are not bundled with a call (see calls.bundled;
-- the view agent_state_changes has them all). The key packs
-- job_id * 2^40 + seq, so rows are appended in order to one B-tree (the
-- cheapest insert SQLite has).
CREATE TABLE agent_events (
  event_key  INTEGER PRIMARY KEY,
  at_ns      INTEGER NOT NULL,
  agent      INTEGER NOT NULL,
  agent_type INTEGER NOT NULL,
  from_state INTEGER NOT NULL,     -- 0 offline, 1 available, 2 reserved, 3 on_call, 4 wrap_up, 5 break
  to_state   INTEGER NOT NULL,
  reason     INTEGER NOT NULL      -- break reason code (names.kind = 'break_reason')
);

-- KPI sums per interval (runs.interval_ns) and call type; call_type -1 is
-- the whole tenant (its max_queue is the tenant's, not a sum). Calls count
-- in the interval they arrived in; queue_area covers every waiting call.
CREATE TABLE intervals (
  job_id            INTEGER NOT NULL,
  start_ns          INTEGER NOT NULL,
  call_type         INTEGER NOT NULL,
  offered           INTEGER NOT NULL,
  answered          INTEGER NOT NULL,
  abandoned         INTEGER NOT NULL,
  rejected          INTEGER NOT NULL,
  answered_within_t INTEGER NOT NULL,
  wait_ns           INTEGER NOT NULL,  -- summed over answered calls
  handle_ns         INTEGER NOT NULL,  -- talk + wrap-up, summed over answered calls
  queue_area        REAL NOT NULL,     -- waiting calls x seconds
  max_queue         INTEGER NOT NULL,
  PRIMARY KEY (job_id, start_ns, call_type)
) WITHOUT ROWID;

CREATE TABLE interval_agents (
  job_id     INTEGER NOT NULL,
  start_ns   INTEGER NOT NULL,
  agent_type INTEGER NOT NULL,
  busy_s     REAL NOT NULL,            -- agent-seconds reserved, on a call or in wrap-up
  logged_s   REAL NOT NULL,            -- agent-seconds logged in
  PRIMARY KEY (job_id, start_ns, agent_type)
) WITHOUT ROWID;

CREATE INDEX runs_by_status ON runs (status);

-- Every agent state change: its own row, or bundled with a call.
CREATE VIEW agent_state_changes AS
  SELECT event_key >> 40 AS job_id, event_key & 1099511627775 AS seq, at_ns, agent,
         agent_type, from_state, to_state, reason
  FROM agent_events
  UNION ALL
  SELECT job_id, seq + answer_dseq - 2, arrived_ns + wait_ns, agent, agent_type, 1, 2, 0
  FROM calls WHERE bundled & 1
  UNION ALL
  SELECT job_id, seq + answer_dseq - 1, arrived_ns + wait_ns, agent, agent_type, 2, 3, 0
  FROM calls WHERE bundled & 1
  UNION ALL
  SELECT job_id, seq + last_dseq + 1, arrived_ns + wait_ns + talk_ns, agent, agent_type, 3, end_to, 0
  FROM calls WHERE bundled & 2;

CREATE VIEW call_records AS
  SELECT j.run_id, j.replication, j.tenant_name AS tenant, c.call_id,
         (SELECT name FROM names n WHERE n.run_id = j.run_id AND n.tenant = j.tenant
            AND n.kind = 'call_type' AND n.code = c.call_type) AS call_type,
         CASE c.direction WHEN 0 THEN 'inbound' ELSE 'outbound' END AS direction,
         c.counted, c.arrived_ns / 1e9 AS arrived_s,
         (c.arrived_ns + c.queued_ns) / 1e9 AS queued_s,
         CASE WHEN c.outcome = 0 OR (c.outcome = 3 AND c.agent IS NOT NULL)
              THEN (c.arrived_ns + c.wait_ns) / 1e9 END AS answered_s,
         CASE WHEN c.outcome <> 3 THEN (c.arrived_ns + c.wait_ns + ifnull(c.talk_ns, 0)) / 1e9 END AS ended_s,
         c.agent,
         (SELECT name FROM names n WHERE n.run_id = j.run_id AND n.tenant = j.tenant
            AND n.kind = 'agent_type' AND n.code = c.agent_type) AS agent_type,
         CASE c.outcome WHEN 0 THEN 'answered' WHEN 1 THEN 'abandoned' WHEN 2 THEN 'rejected'
                        ELSE 'in_system' END AS outcome,
         CASE c.reject_reason WHEN 0 THEN '' WHEN 1 THEN 'queue_full'
                              WHEN 2 THEN 'tenant_queue_full' ELSE 'max_wait' END AS reject_reason,
         CASE c.qualification WHEN 0 THEN '' WHEN 1 THEN 'ok' ELSE 'ko' END AS qualification,
         c.wait_ns / 1e9 AS wait_s, c.talk_ns / 1e9 AS talk_s, c.wrap_ns / 1e9 AS wrap_s
  FROM calls c JOIN jobs j ON j.job_id = c.job_id;
)sql",
  // 1 -> 2: what recorded a run: `ccsim run` (a simulation) or `ccsim serve`
  // (a live session); runs recorded before are simulations.
  R"sql(
ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'run' CHECK (kind IN ('run', 'serve'));
)sql",
  // 2 -> 3: pages held back while a run records: released when it ends,
  // they leave room to write its final status even when the disk (or
  // max_page_count) is full.
  R"sql(
CREATE TABLE run_reserve (
  run_id INTEGER PRIMARY KEY,
  pad    BLOB NOT NULL
);
)sql",
};

int user_version(connection& db) {
  // The first read of the file: a non-database fails here with SQLITE_NOTADB.
  return static_cast<int>(db.query_int("PRAGMA user_version"));
}

void migrate(connection& db) {
  transaction tx{db};
  // Re-read under the write lock: another process may have migrated meanwhile.
  int now = user_version(db);
  for (int v = now; v < schema_version; ++v) db.exec(migrations[static_cast<std::size_t>(v)], "upgrading the schema");
  if (now < schema_version) {
    db.exec("PRAGMA application_id = " + std::to_string(application_id), "upgrading the schema");
    db.exec("PRAGMA user_version = " + std::to_string(schema_version), "upgrading the schema");
  }
  tx.commit();
}

} // namespace

std::unique_ptr<connection> open_database(const std::filesystem::path& file,
                                          connection::open_mode mode) {
  static_assert(schema_version == 3, "add the migration to `migrations`");
  auto db = std::make_unique<connection>(file, mode);
  int version = user_version(*db);
  if (version > schema_version)
    throw db_error(db->file(), "written by a newer ccsim (schema version " + std::to_string(version)
                                   + "; this ccsim reads up to version "
                                   + std::to_string(schema_version) + "): upgrade ccsim to read it");
  auto app = db->query_int("PRAGMA application_id");
  if (app != 0 && app != application_id)
    throw db_error(db->file(), "a SQLite database of another application (application_id "
                                   + std::to_string(app) + "), not a ccsim database");
  if (version == 0 && db->query_int("SELECT count(*) FROM sqlite_schema") > 0)
    throw db_error(db->file(), "a SQLite database, but not a ccsim one (it has tables and no ccsim "
                               "schema version)");
  if (version < schema_version) {
    if (db->read_only())
      throw db_error(db->file(), version == 0 ? "an empty database: no runs recorded yet"
                                              : "an older ccsim database (schema version "
                                                    + std::to_string(version)
                                                    + ") in a read-only file: it cannot be upgraded");
    migrate(*db);
  }
  if (!db->read_only()) {
    db->exec("PRAGMA journal_mode = WAL", "switching to WAL");
    db->exec("PRAGMA synchronous = NORMAL", "configuring the database");
  }
  return db;
}

std::unique_ptr<connection> open_for_reading(const std::filesystem::path& file) {
  std::error_code ec;
  if (std::filesystem::exists(file, ec) && ::access(file.c_str(), W_OK) != 0)
    return open_database(file, connection::open_mode::read_only);
  return open_database(file, connection::open_mode::read_write);
}

} // namespace ccsim::store
