#include "app/demo_items.h"

#include <array>
#include <random>

#include <nlohmann/json.hpp>

#include "store/seed/generated_work.h"

namespace tandem::app {

namespace {

constexpr std::array<std::string_view, 96> kWords = {
    "printer",  "invoice", "login",    "password",    "server",     "backup",    "email",     "network",
    "laptop",   "report",  "deadline", "budget",      "contract",   "release",   "update",    "install",
    "database", "crash",   "slow",     "error",       "access",     "account",   "customer",  "order",
    "delivery", "refund",  "payment",  "shipping",    "warranty",   "license",   "migration", "design",
    "review",   "meeting", "training", "onboarding",  "vpn",        "firewall",  "router",    "monitor",
    "keyboard", "mouse",   "phone",    "tablet",      "calendar",   "schedule",  "project",   "sprint",
    "feature",  "bug",     "ticket",   "support",     "question",   "request",   "approval",  "document",
    "template", "export",  "import",   "sync",        "mobile",     "website",   "portal",    "widget",
    "chat",     "search",  "filter",   "dashboard",   "chart",      "timesheet", "billing",   "quote",
    "proposal", "audit",   "security", "certificate", "domain",     "storage",   "cloud",     "upgrade",
    "outage",   "latency", "timeout",  "warehouse",   "inventory",  "supplier",  "catalog",   "pricing",
    "discount", "coupon",  "feedback", "survey",      "newsletter", "campaign",  "analytics", "forecast"};
constexpr std::array<std::string_view, 6> kTags = {"urgent", "vip", "hardware", "software", "billing", "bug"};
constexpr std::int64_t kBatch = 5000;

std::string words(std::mt19937_64& random, int count) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    if (i) text += ' ';
    text += kWords[random() % kWords.size()];
  }
  return text;
}

store::GeneratedItem generated_item(std::mt19937_64& random, const std::vector<std::int64_t>& projects,
                                    const std::vector<std::int64_t>& assignees, TimestampMs now) {
  // Statuses of the built-in types (migration 2): ticket 1..6, task 7..10, with their states.
  static constexpr std::array<std::string_view, 10> kStates = {
      "not_started", "in_progress", "in_progress", "in_progress", "finished",
      "finished",    "not_started", "not_started", "in_progress", "finished"};
  store::GeneratedItem item;
  const bool ticket = random() % 10 < 7;
  item.type_id = ticket ? 1 : 2;
  item.status_id =
      ticket ? 1 + static_cast<std::int64_t>(random() % 6) : 7 + static_cast<std::int64_t>(random() % 4);
  item.state = kStates[item.status_id - 1];
  std::string title = words(random, 3 + static_cast<int>(random() % 5));
  title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
  item.title = std::move(title);
  item.description = words(random, 10 + static_cast<int>(random() % 30));
  item.priority = static_cast<std::int64_t>(random() % 6);
  item.project_id = random() % 10 == 0 ? 0 : projects[random() % projects.size()];
  item.assignee_id = assignees.empty() ? 0 : assignees[random() % assignees.size()];
  nlohmann::json tags = nlohmann::json::array();
  if (random() % 3 == 0) tags.push_back(kTags[random() % kTags.size()]);
  item.tags_json = tags.dump();
  item.source = ticket ? (random() % 2 ? "email" : "portal") : "agent";
  item.created_at = now - static_cast<TimestampMs>(random() % (365LL * 24 * 3600 * 1000));
  const int messages = 1 + static_cast<int>(random() % 3);
  for (int m = 0; m < messages; ++m) {
    std::string body = words(random, 8 + static_cast<int>(random() % 25));
    item.messages.push_back(
        {random() % 4 == 0 ? "internal" : "public", item.assignee_id, body, "<p>" + body + "</p>"});
  }
  return item;
}

}  // namespace

Status load_generated_work(store::Database& db, std::int64_t count, std::int64_t member_id,
                           const std::vector<std::int64_t>& assignee_ids, TimestampMs now,
                           std::ostream& progress) {
  std::vector<std::int64_t> projects;
  TANDEM_TRY(db.write([&](store::Txn& txn) -> Status {
    for (int p = 1; p <= 50; ++p) {
      TANDEM_ASSIGN(
          const std::int64_t id,
          store::insert_generated_project(txn, "Project " + std::to_string(p), p <= 25 ? member_id : 0, now));
      projects.push_back(id);
    }
    return {};
  }));
  std::mt19937_64 random(20261123);
  for (std::int64_t done = 0; done < count;) {
    std::vector<store::GeneratedItem> batch;
    const std::int64_t size = std::min(kBatch, count - done);
    for (std::int64_t i = 0; i < size; ++i)
      batch.push_back(generated_item(random, projects, assignee_ids, now));
    TANDEM_TRY(db.write([&](store::Txn& txn) { return store::insert_generated_items(txn, batch); }));
    done += size;
    if (count >= 100'000 && done % 100'000 == 0) progress << "  " << done << " items\n" << std::flush;
  }
  return {};
}

}  // namespace tandem::app
