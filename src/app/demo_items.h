// Generated work for the demo and for benchmarks: projects, items and their conversations.
#pragma once

#include <cstdint>
#include <ostream>

#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace tandem::app {

/// Loads 50 projects (the user `member_id` belongs to the first half) and `count` items spread over them
/// and outside them, each with one to three messages, assigned to `assignee_ids` in turn, created over
/// the year before `now`. Deterministic for a given count. Reports progress on `progress`.
Status load_generated_work(store::Database& db, std::int64_t count, std::int64_t member_id,
                           const std::vector<std::int64_t>& assignee_ids, TimestampMs now,
                           std::ostream& progress);

}  // namespace tandem::app
