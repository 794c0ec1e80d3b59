// Requests to join a project: an internal user who sees a project asks to become a member; the project's
// managers (and admins) approve it, making the user a member, or deny it. Every step is an event about
// the request, which its requester and the project's managers see (Policy::visible_join_requests).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"
#include "store/hierarchy/project_repository.h"

namespace tandem::service {

class JoinRequestService {
 public:
  JoinRequestService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  /// Asks to join the project with `message` (at most 2000 characters) and records `join_request.created`.
  /// Errors: not_found (no such project, or a private one), forbidden, conflict (already a member, or a
  /// request is pending), validation_failed (message).
  Result<store::JoinRequestRow> request(const Actor& actor, std::int64_t project_id,
                                        const std::string& message);
  /// The project's requests, newest first, for its managers and admins. Errors: not_found, forbidden.
  Result<std::vector<store::JoinRequestRow>> list_for_project(const Actor& actor, std::int64_t project_id);
  /// The actor's own requests, newest first. Errors: forbidden.
  Result<std::vector<store::JoinRequestRow>> list_mine(const Actor& actor);
  /// Approves a pending request: the requester becomes a member with `role` (default standard); records
  /// `join_request.approved` and `project.member_added`. Errors: not_found, forbidden, conflict (already
  /// decided), validation_failed (role).
  Result<store::JoinRequestRow> approve(const Actor& actor, std::int64_t project_id, std::int64_t request_id,
                                        const std::string& role);
  /// Denies a pending request with `reason` and records `join_request.denied`. Errors: not_found,
  /// forbidden, conflict (already decided), validation_failed (reason).
  Result<store::JoinRequestRow> deny(const Actor& actor, std::int64_t project_id, std::int64_t request_id,
                                     const std::string& reason);

 private:
  // Decides a pending request of the project: `state` is approved or denied; `role` applies to approvals.
  Result<store::JoinRequestRow> decide(const Actor& actor, std::int64_t project_id, std::int64_t request_id,
                                       std::string_view state, const std::string& role,
                                       const std::string& reason);

  store::Database& db_;
  const Clock& clock_;
};

}  // namespace tandem::service
