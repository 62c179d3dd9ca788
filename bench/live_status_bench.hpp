#pragma once
// The live server behind the /status and /metrics benchmarks is built on
// first use and shared; main() stops it before static destruction.

namespace ccsim::bench {

/// Shuts the live fixture's engine and webhook service down (no-op if it
/// was never built).
void release_live_fixture();

} // namespace ccsim::bench
