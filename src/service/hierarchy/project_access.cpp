#include "service/hierarchy/project_access.h"

#include "core/policy.h"

namespace tandem::service {

Result<store::ProjectView> visible_project(store::Txn& txn, const Actor& actor, std::int64_t id) {
  TANDEM_ASSIGN(auto view,
                store::find_visible_project(txn, Policy::visible_projects(actor), actor.user_id, id));
  if (!view) return Error::make(ErrorCode::not_found, "no such project");
  return std::move(*view);
}

Result<store::ProjectView> manageable_project(store::Txn& txn, const Actor& actor, std::int64_t id) {
  TANDEM_ASSIGN(auto view, visible_project(txn, actor, id));
  if (!Policy::can_manage_project(actor, view.my_role))
    return Error::make(ErrorCode::forbidden, "only the project's managers and leads may change it");
  return view;
}

Result<store::ProjectView> people_project(store::Txn& txn, const Actor& actor, std::int64_t id) {
  TANDEM_ASSIGN(auto view, visible_project(txn, actor, id));
  if (!Policy::can_manage_project_people(actor, view.my_role))
    return Error::make(ErrorCode::forbidden, "only the project's managers may change who works in it");
  return view;
}

}  // namespace tandem::service
