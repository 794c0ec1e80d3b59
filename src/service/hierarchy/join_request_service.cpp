#include "service/hierarchy/join_request_service.h"

#include "core/policy.h"
#include "service/hierarchy/hierarchy_rules.h"
#include "service/hierarchy/project_access.h"

namespace tandem::service {

namespace {

constexpr std::size_t kMaxText = 2000;

Status check_text(std::string_view field, const std::string& text) {
  if (text.size() > kMaxText)
    return invalid(std::string(field), std::string(field) + " has at most 2000 characters");
  return {};
}

Result<store::JoinRequestRow> reread(store::Txn& txn, std::int64_t id) {
  TANDEM_ASSIGN(auto found, store::find_join_request(txn, id));
  if (!found) return Error::make(ErrorCode::not_found, "no such join request");
  return std::move(*found);
}

}  // namespace

Result<store::JoinRequestRow> JoinRequestService::request(const Actor& actor, std::int64_t project_id,
                                                          const std::string& message) {
  if (!Policy::can(actor, Action::request_to_join) || !actor.is_user())
    return Error::make(ErrorCode::forbidden, "only internal users ask to join projects");
  TANDEM_TRY(check_text("message", message));
  store::JoinRequestRow created;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto view, visible_project(txn, actor, project_id));
    if (!view.my_role.empty())
      return Error::make(ErrorCode::conflict, "you are already a member of this project");
    TANDEM_ASSIGN(const bool pending, store::join_request_pending(txn, project_id, actor.user_id));
    if (pending) return Error::make(ErrorCode::conflict, "you already asked to join this project");
    const TimestampMs now = clock_.now_ms();
    TANDEM_ASSIGN(const std::int64_t id,
                  store::insert_join_request(txn, project_id, actor.user_id, message, now));
    TANDEM_ASSIGN(created, reread(txn, id));
    return record_event(txn, actor, now, "join_request", id, "join_request.created",
                        {{"project_id", project_id}, {"user_id", actor.user_id}, {"message", message}});
  }));
  return created;
}

Result<std::vector<store::JoinRequestRow>> JoinRequestService::list_for_project(const Actor& actor,
                                                                                std::int64_t project_id) {
  std::vector<store::JoinRequestRow> requests;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_TRY(status_of(people_project(txn, actor, project_id)));
    TANDEM_ASSIGN(requests, store::list_join_requests(txn, Policy::visible_join_requests(actor), project_id,
                                                      std::nullopt));
    return {};
  }));
  return requests;
}

Result<std::vector<store::JoinRequestRow>> JoinRequestService::list_mine(const Actor& actor) {
  if (!Policy::can(actor, Action::request_to_join) || !actor.is_user())
    return Error::make(ErrorCode::forbidden, "only internal users have join requests");
  std::vector<store::JoinRequestRow> requests;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(requests, store::list_join_requests(txn, Policy::visible_join_requests(actor), std::nullopt,
                                                      actor.user_id));
    return {};
  }));
  return requests;
}

Result<store::JoinRequestRow> JoinRequestService::approve(const Actor& actor, std::int64_t project_id,
                                                          std::int64_t request_id, const std::string& role) {
  return decide(actor, project_id, request_id, "approved", role.empty() ? "standard" : role, "");
}

Result<store::JoinRequestRow> JoinRequestService::deny(const Actor& actor, std::int64_t project_id,
                                                       std::int64_t request_id, const std::string& reason) {
  return decide(actor, project_id, request_id, "denied", "", reason);
}

Result<store::JoinRequestRow> JoinRequestService::decide(const Actor& actor, std::int64_t project_id,
                                                         std::int64_t request_id, std::string_view state,
                                                         const std::string& role, const std::string& reason) {
  TANDEM_TRY(check_text("reason", reason));
  if (state == "approved") TANDEM_TRY(check_project_role(role));
  store::JoinRequestRow decided;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_TRY(status_of(people_project(txn, actor, project_id)));
    TANDEM_ASSIGN(const auto request, reread(txn, request_id));
    if (request.project_id != project_id) return Error::make(ErrorCode::not_found, "no such join request");
    if (request.state != "pending")
      return Error::make(ErrorCode::conflict, "this request was already " + request.state);
    const TimestampMs now = clock_.now_ms();
    TANDEM_TRY(store::decide_join_request(txn, request_id, state, actor.user_id, reason, now));
    nlohmann::json payload = {{"project_id", project_id}, {"user_id", request.user_id}, {"reason", reason}};
    if (state == "approved") {
      payload["role"] = role;
      TANDEM_ASSIGN(const auto previous, store::project_member_role(txn, project_id, request.user_id));
      if (previous.empty()) {
        TANDEM_TRY(store::put_project_member(txn, project_id, request.user_id, role));
        TANDEM_TRY(record_event(txn, actor, now, "project", project_id, "project.member_added",
                                {{"user_id", request.user_id}, {"role", role}}));
      }
    }
    TANDEM_ASSIGN(decided, reread(txn, request_id));
    return record_event(txn, actor, now, "join_request", request_id, "join_request." + std::string(state),
                        payload);
  }));
  return decided;
}

}  // namespace tandem::service
