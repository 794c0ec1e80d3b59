#include "service/items/item_change_right.h"

#include "store/hierarchy/project_repository.h"
#include "store/items/item_repository.h"

namespace tandem::service {

Result<ItemFacts> item_facts(store::Txn& txn, const Actor& actor, const nlohmann::json& item) {
  ItemFacts facts;
  facts.app = app_of_item_type(item.value("type", ""));
  facts.in_project = item["project_id"].is_number_integer();
  if (!actor.is_user()) return facts;
  const std::int64_t id = item["id"].get<std::int64_t>();
  if (facts.in_project) {
    TANDEM_ASSIGN(facts.project_role,
                  store::effective_project_role(txn, item["project_id"].get<std::int64_t>(), actor.user_id));
  }
  TANDEM_ASSIGN(facts.own, store::item_owned_by(txn, id, actor.user_id));
  return facts;
}

Status check_may_change_item(store::Txn& txn, const Actor& actor, const nlohmann::json& item) {
  TANDEM_ASSIGN(const auto facts, item_facts(txn, actor, item));
  if (!Policy::can_change_item(actor, facts))
    return Error::make(ErrorCode::forbidden, "your project role does not let you change this item");
  return {};
}

}  // namespace tandem::service
