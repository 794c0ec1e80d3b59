// The JSON shapes of teams, portfolios, projects (with members and followers), folders and the tree.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "service/hierarchy/portfolio_service.h"
#include "service/hierarchy/tree_service.h"
#include "store/hierarchy/folder_repository.h"
#include "store/hierarchy/project_repository.h"
#include "store/hierarchy/team_repository.h"

namespace tandem::api {

/// The JSON array of `to_json(v)` for each v of `values`, in order.
template <typename T, typename F>
nlohmann::json array_of(const std::vector<T>& values, F to_json) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& value : values) out.push_back(to_json(value));
  return out;
}

/// {"id","name","description","members":[{"user_id","name"}],"created_at","updated_at"}.
nlohmann::json team_json(const store::TeamRow& team);
/// {"id","parent_id","name","description","position","project_ids","created_at","updated_at"}.
nlohmann::json portfolio_json(const service::PortfolioView& view);
/// {"portfolio_id","project_id","position"}.
nlohmann::json portfolio_project_json(const store::PortfolioProjectRow& link);
/// {"id","name","description","start_date","archived","position","custom_fields","portfolio_ids","my_role",
/// "created_at","updated_at","version"}; my_role is null for non-members.
nlohmann::json project_json(const store::ProjectView& view);
/// {"user_id","name","role"}.
nlohmann::json project_member_json(const store::ProjectMemberRow& member);
/// A team working in a project: {team_id, name, role}.
nlohmann::json project_team_json(const store::ProjectTeamRow& team);
/// A request to join a project.
nlohmann::json join_request_json(const store::JoinRequestRow& request);
/// {"party_kind","party_id","name"}.
nlohmann::json project_follower_json(const store::ProjectFollowerRow& follower);
/// {"id","project_id","parent_id","name","position","created_at","updated_at"}.
nlohmann::json folder_json(const store::FolderRow& folder);
/// {"portfolios":[…],"projects":[…],"items_outside_projects":n}, nested as the tree is.
nlohmann::json tree_json(const service::Tree& tree);

}  // namespace tandem::api
