// What a customer does on the portal: list and read the items the Policy lets it see (only the fields the
// portal settings show), submit tickets (into its organization's intake project, the default project, or
// a project it picks when allowed), reply (always public), follow items, and read their public messages.
// Anonymous visitors may submit when sign-in is not required and then hold a secret link to that item.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "service/conversations/conversation_service.h"
#include "service/customers/portal_settings.h"
#include "service/items/item_service.h"
#include "store/database.h"

namespace tandem::service {

struct TicketRequest {
  std::string title;
  std::string description;
  std::optional<std::int64_t> project_id;  // only when the settings let customers pick
};

/// A page of items as customers see them.
struct PortalItemPage {
  nlohmann::json items = nlohmann::json::array();
  std::string next_cursor;
};

/// A ticket an anonymous visitor submitted, and the secret that opens it (shown once).
struct VisitorTicket {
  nlohmann::json item;
  std::string secret;
};

class PortalService {
 public:
  PortalService(store::Database& db, const Clock& clock, ItemService& items,
                ConversationService& conversations)
      : db_(db), clock_(clock), items_(items), conversations_(conversations) {}

  /// The customer's visible items, newest activity first; `params` may hold limit, cursor, state and q.
  /// Errors: validation_failed (another parameter, or a bad value).
  Result<PortalItemPage> list_items(const Actor& customer, const QueryParams& params);
  /// One visible item as customers see it. Errors: not_found.
  Result<nlohmann::json> get_item(const Actor& customer, std::int64_t id);
  /// Submits a ticket requested by the customer. Errors: forbidden (a visitor with a secret link),
  /// validation_failed (title, description, project_id: not allowed or not visible; no project to put it
  /// in).
  Result<nlohmann::json> submit_ticket(const Actor& customer, const TicketRequest& request);
  /// Submits a ticket for an anonymous visitor (the customer of `email` becomes its requester) and returns a
  /// secret link to it. Errors: unauthenticated (sign-in is required), validation_failed, conflict (the email
  /// is a member of staff's).
  Result<VisitorTicket> submit_as_visitor(std::string_view email, std::string_view name,
                                          const TicketRequest& request);
  /// Adds a public reply with the files the customer uploaded (file_ids). Errors: not_found,
  /// validation_failed (body; file_ids naming a file that is not the customer's own upload).
  Result<MessageView> reply(const Actor& customer, std::int64_t item_id, const std::string& body,
                            std::vector<std::int64_t> file_ids);
  /// The item's public messages with id > after_id, oldest first. Errors: not_found.
  Result<std::vector<MessageView>> messages(const Actor& customer, std::int64_t item_id,
                                            std::int64_t after_id, int limit);
  /// The active projects the customer or its organization follows, by position: [{"id","name"}] — where it
  /// may put tickets when the settings let customers pick. Errors: none beyond the store's.
  Result<nlohmann::json> projects(const Actor& customer);
  /// Makes the customer a follower of the item (true) or not (false) and records `item.updated`.
  /// Errors: not_found, forbidden (a visitor).
  Status follow(const Actor& customer, std::int64_t item_id, bool following);

 private:
  Result<PortalSettings> read_settings();
  Result<std::int64_t> target_project(const Actor& customer, const TicketRequest& request);
  Result<nlohmann::json> create(const Actor& customer, const TicketRequest& request, std::int64_t project_id);

  store::Database& db_;
  const Clock& clock_;
  ItemService& items_;
  ConversationService& conversations_;
};

}  // namespace tandem::service
