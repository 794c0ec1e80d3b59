#include "core/customer_policy.h"

namespace tandem::customer_policy {

bool can(const Actor& customer, Action action) {
  switch (action) {
    case Action::create_items:  // a visitor holding an item's secret link only follows that item
      return customer.portal.only_item_id == 0;
    case Action::upload_files:
      return true;
    default:
      return false;
  }
}

SqlFilter visible_items(const Actor& customer) {
  const PortalScope& scope = customer.portal;
  if (scope.only_item_id != 0) return {"(items.id = ?)", {scope.only_item_id}};
  SqlFilter filter{"", {}};
  const auto either = [&filter](std::string_view condition) {
    filter.sql += filter.sql.empty() ? "(" : " OR ";
    filter.sql += condition;
  };
  const auto party = [](std::string_view role) {
    return "EXISTS (SELECT 1 FROM item_parties ip WHERE ip.item_id = items.id AND ip.role = '" +
           std::string(role) + "' AND ip.party_kind = 'customer' AND ip.party_id = ?)";
  };
  if (scope.requested) {
    either(party("requester"));
    filter.params.push_back(customer.customer_id);
  }
  if (scope.followed) {
    either(party("follower"));
    filter.params.push_back(customer.customer_id);
  }
  if (scope.organization && customer.organization_id != 0) {
    either(
        "EXISTS (SELECT 1 FROM item_parties ip JOIN customers c ON c.id = ip.party_id WHERE ip.item_id = "
        "items.id AND ip.role = 'requester' AND ip.party_kind = 'customer' AND c.organization_id = ?)");
    filter.params.push_back(customer.organization_id);
  }
  if (scope.followed_projects) {
    either(
        "items.project_id IN (SELECT pf.project_id FROM project_followers pf WHERE (pf.party_kind = "
        "'customer' AND pf.party_id = ?) OR (pf.party_kind = 'organization' AND pf.party_id = ?))");
    filter.params.push_back(customer.customer_id);
    filter.params.push_back(customer.organization_id);
  }
  if (filter.sql.empty()) return {"0", {}};
  filter.sql += ")";
  if (!scope.unpublished) filter.sql += " AND items.published = 1";
  return {"(" + filter.sql + ")", std::move(filter.params)};
}

SqlFilter visible_messages(const Actor& /*customer*/) {
  return {"m.visibility = 'public'", {}};
}

SqlFilter visible_projects(const Actor& customer) {
  if (customer.portal.only_item_id != 0) return {"0", {}};
  return {
      "EXISTS (SELECT 1 FROM project_followers pf WHERE pf.project_id = projects.id AND ((pf.party_kind = "
      "'customer' AND pf.party_id = ?) OR (pf.party_kind = 'organization' AND pf.party_id = ?)))",
      {customer.customer_id, customer.organization_id}};
}

}  // namespace tandem::customer_policy
