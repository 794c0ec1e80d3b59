#include "service/items/item_followers.h"

#include "store/event_log.h"

namespace tandem::service {

Status change_followers(store::Txn& txn, const Actor& actor, std::int64_t item_id,
                        const std::function<void(std::vector<store::Party>&)>& edit, TimestampMs now) {
  TANDEM_ASSIGN(const auto before, store::item_parties(txn, item_id, "follower"));
  auto edited = before;
  edit(edited);
  const auto after = store::ordered_parties(std::move(edited));
  if (after == before) return {};
  TANDEM_TRY(store::replace_item_parties(txn, item_id, "follower", after));
  TANDEM_TRY(store::update_item(txn, item_id, {}, now));
  const nlohmann::json changes = {
      {"followers", {{"from", store::parties_json(before)}, {"to", store::parties_json(after)}}}};
  return status_of(store::append_event(txn, actor, now, "item", item_id, "item.updated",
                                       nlohmann::json{{"changes", changes}}.dump()));
}

}  // namespace tandem::service
