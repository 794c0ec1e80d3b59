// Looking up a project on behalf of an actor: a project it may not see does not exist for it.
#pragma once

#include <cstdint>

#include "core/actor.h"
#include "core/result.h"
#include "store/database.h"
#include "store/hierarchy/project_repository.h"

namespace tandem::service {

/// The project `id` as `actor` sees it. Errors: not_found (absent, or not visible to the actor).
Result<store::ProjectView> visible_project(store::Txn& txn, const Actor& actor, std::int64_t id);
/// The project `id` when the actor may see it and also change it (Policy::can_manage_project).
/// Errors: not_found, forbidden.
Result<store::ProjectView> manageable_project(store::Txn& txn, const Actor& actor, std::int64_t id);
/// The project `id` when the actor may see it and change who works in it
/// (Policy::can_manage_project_people). Errors: not_found, forbidden.
Result<store::ProjectView> people_project(store::Txn& txn, const Actor& actor, std::int64_t id);

}  // namespace tandem::service
