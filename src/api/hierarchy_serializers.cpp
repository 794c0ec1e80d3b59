#include "api/hierarchy_serializers.h"

#include "core/clock.h"
#include "service/hierarchy/hierarchy_rules.h"

namespace tandem::api {

namespace {

nlohmann::json folder_node_json(const service::FolderNode& node) {
  return {{"id", node.id},
          {"name", node.name},
          {"position", node.position},
          {"item_count", node.item_count},
          {"item_count_total", node.item_count_total},
          {"folders", array_of(node.folders, folder_node_json)}};
}

nlohmann::json project_node_json(const service::ProjectNode& node) {
  return {{"id", node.id},
          {"name", node.name},
          {"archived", node.archived},
          {"position", node.position},
          {"item_count", node.item_count},
          {"folders", array_of(node.folders, folder_node_json)}};
}

nlohmann::json portfolio_node_json(const service::PortfolioNode& node) {
  return {{"id", node.id},
          {"name", node.name},
          {"position", node.position},
          {"portfolios", array_of(node.portfolios, portfolio_node_json)},
          {"projects", array_of(node.projects, project_node_json)}};
}

}  // namespace

nlohmann::json team_json(const store::TeamRow& team) {
  return {{"id", team.id},
          {"name", team.name},
          {"description", team.description},
          {"members", array_of(team.members,
                               [](const store::TeamMemberRow& m) {
                                 return nlohmann::json{{"user_id", m.user_id}, {"name", m.name}};
                               })},
          {"created_at", format_iso8601(team.created_at)},
          {"updated_at", format_iso8601(team.updated_at)}};
}

nlohmann::json portfolio_json(const service::PortfolioView& view) {
  const store::PortfolioRow& p = view.portfolio;
  return {{"id", p.id},
          {"parent_id", service::nullable(p.parent_id)},
          {"name", p.name},
          {"description", p.description},
          {"position", p.position},
          {"project_ids", view.project_ids},
          {"created_at", format_iso8601(p.created_at)},
          {"updated_at", format_iso8601(p.updated_at)}};
}

nlohmann::json portfolio_project_json(const store::PortfolioProjectRow& link) {
  return {{"portfolio_id", link.portfolio_id}, {"project_id", link.project_id}, {"position", link.position}};
}

nlohmann::json project_json(const store::ProjectView& view) {
  const store::ProjectRow& p = view.project;
  auto custom_fields = nlohmann::json::parse(p.custom_fields, nullptr, false);
  if (!custom_fields.is_object()) custom_fields = nlohmann::json::object();
  return {{"id", p.id},
          {"name", p.name},
          {"description", p.description},
          {"start_date", service::nullable(p.start_date)},
          {"archived", p.archived},
          {"private", p.is_private},
          {"position", p.position},
          {"custom_fields", std::move(custom_fields)},
          {"portfolio_ids", view.portfolio_ids},
          {"my_role", view.my_role.empty() ? nlohmann::json(nullptr) : nlohmann::json(view.my_role)},
          {"created_at", format_iso8601(p.created_at)},
          {"updated_at", format_iso8601(p.updated_at)},
          {"version", p.version}};
}

nlohmann::json project_member_json(const store::ProjectMemberRow& member) {
  return {{"user_id", member.user_id}, {"name", member.name}, {"role", member.role}};
}

nlohmann::json project_team_json(const store::ProjectTeamRow& team) {
  return {{"team_id", team.team_id}, {"name", team.name}, {"role", team.role}};
}

nlohmann::json join_request_json(const store::JoinRequestRow& request) {
  return {{"id", request.id},
          {"project_id", request.project_id},
          {"project_name", request.project_name},
          {"user_id", request.user_id},
          {"user_name", request.user_name},
          {"message", request.message},
          {"state", request.state},
          {"decided_by", request.decided_by ? nlohmann::json(*request.decided_by) : nlohmann::json()},
          {"decided_at",
           request.decided_at ? nlohmann::json(format_iso8601(*request.decided_at)) : nlohmann::json()},
          {"reason", request.reason},
          {"created_at", format_iso8601(request.created_at)}};
}

nlohmann::json project_follower_json(const store::ProjectFollowerRow& follower) {
  return {{"party_kind", follower.party_kind}, {"party_id", follower.party_id}, {"name", follower.name}};
}

nlohmann::json folder_json(const store::FolderRow& folder) {
  return {{"id", folder.id},
          {"project_id", folder.project_id},
          {"parent_id", service::nullable(folder.parent_id)},
          {"name", folder.name},
          {"position", folder.position},
          {"created_at", format_iso8601(folder.created_at)},
          {"updated_at", format_iso8601(folder.updated_at)}};
}

nlohmann::json tree_json(const service::Tree& tree) {
  return {{"portfolios", array_of(tree.portfolios, portfolio_node_json)},
          {"projects", array_of(tree.projects, project_node_json)},
          {"items_outside_projects", tree.items_outside_projects}};
}

}  // namespace tandem::api
