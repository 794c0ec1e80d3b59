// What customers may do and see: the customer branches of the one Policy (src/core/policy.h calls these
// first for every customer actor). A customer sees only what its PortalScope lets through.
#pragma once

#include "core/policy.h"

namespace tandem::customer_policy {

/// True when the customer may perform `action`: only the portal's own actions (reading what it may see,
/// submitting tickets, replying, uploading files).
bool can(const Actor& customer, Action action);
/// The condition on `items` true for the items the customer's PortalScope lets it see: those it requested
/// or follows, those requested by anyone in its organization, those in projects it or its organization
/// follows (each a switch); only published ones unless the scope allows unpublished; with only_item_id set,
/// that item and nothing else.
SqlFilter visible_items(const Actor& customer);
/// The condition on `messages` (as `m`) true for the public replies: customers never read internal notes.
SqlFilter visible_messages(const Actor& customer);
/// The condition on `projects` true for the projects the customer or its organization follows.
SqlFilter visible_projects(const Actor& customer);

}  // namespace tandem::customer_policy
