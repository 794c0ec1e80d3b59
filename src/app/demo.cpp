#include <iostream>

#include "app/commands.h"
#include "app/demo_items.h"
#include "app/runtime.h"
#include "store/identity/identity_repository.h"

namespace tandem::app {

namespace {

// The people of the demo company. Everyone signs in with kDemoPassword.
constexpr std::string_view kDemoPassword = "tandem-demo";

struct DemoUser {
  std::string_view email, name, role;
};

constexpr DemoUser kDemoUsers[] = {
    {"admin@example.com", "Ada Admin", "admin"},
    {"manager@example.com", "Max Manager", "manager"},
    {"agent@example.com", "Alice Agent", "agent"},
    {"agent2@example.com", "Bob Agent", "agent"},
};

// Shows the internal permissions: a team working in a project with a team role, and a private project
// only its members see (Alice is not one of them, and cannot find it).
Status add_permission_examples(service::Services& services, const std::vector<store::UserRow>& people) {
  const auto& manager = people[1];
  const Actor as_manager = Actor::user(manager.id, manager.role, manager.name);
  TANDEM_ASSIGN(const auto team,
                services.teams.create_team(Actor::system(),
                                           {"Second line", "Escalations from support", {people[3].id}}));
  service::NewProject onboarding;
  onboarding.name = "Customer onboarding";
  onboarding.description = "Bob works here through the Second line team, as a restricted member.";
  TANDEM_ASSIGN(const auto project, services.projects.create_project(as_manager, onboarding));
  TANDEM_TRY(status_of(services.projects.put_member(as_manager, project.project.id, people[2].id, "lead")));
  TANDEM_TRY(status_of(services.projects.put_team(as_manager, project.project.id, team.id, "restricted")));
  service::NewProject board;
  board.name = "Board room";
  board.description = "A private project: only its members (and admins) know it exists.";
  board.is_private = true;
  return status_of(services.projects.create_project(as_manager, board));
}

// The demo company's customers: each organization owns its domain, and its customer signs in to the portal
// with kDemoPassword.
struct DemoCustomer {
  std::string_view organization, domain, email, name;
};

constexpr DemoCustomer kDemoCustomers[] = {
    {"Northwind", "northwind.example", "nina@northwind.example", "Nina Northwind"},
    {"Contoso", "contoso.example", "carl@contoso.example", "Carl Contoso"},
};

Status load_demo_customers(service::Services& services) {
  for (const auto& customer : kDemoCustomers) {
    TANDEM_TRY(status_of(services.customers.create_organization(
        Actor::system(), {std::string(customer.organization), std::vector{std::string(customer.domain)},
                          std::nullopt, std::nullopt})));
    TANDEM_TRY(status_of(services.portal_auth.register_customer(customer.email, kDemoPassword, customer.name,
                                                                "demo", "demo")));
  }
  return {};
}

Result<bool> has_users(store::Database& db) {
  bool any = false;
  TANDEM_TRY(db.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(auto users, store::list_users(txn, 0, 1));
    any = !users.empty();
    return {};
  }));
  return any;
}

}  // namespace

int demo_command(const Config& config, std::int64_t items) {
  auto runtime = open_runtime(config);
  if (!runtime.ok()) return fail("demo", runtime.error());
  Runtime& rt = *runtime.value();
  auto existing = has_users(*rt.db);
  if (!existing.ok()) return fail("demo", existing.error());
  if (existing.value()) {
    std::cerr << "tandem: demo: " << config.data_dir
              << " already has users; demo data goes into a new data dir\n";
    return 65;
  }
  std::vector<std::int64_t> agent_ids;
  std::vector<store::UserRow> people;
  for (const auto& person : kDemoUsers) {
    auto user = rt.services->users.create_user(
        Actor::system(), {std::string(person.email), std::string(person.name), std::string(person.role),
                          std::string(kDemoPassword)});
    if (!user.ok()) return fail("demo", user.error());
    if (person.role == "agent") agent_ids.push_back(user.value().id);
    people.push_back(user.value());
  }
  if (Status examples = add_permission_examples(*rt.services, people); !examples.ok())
    return fail("demo", examples.error());
  if (Status customers = load_demo_customers(*rt.services); !customers.ok())
    return fail("demo", customers.error());
  if (items > 0) {
    std::cout << "Generating " << items << " items with their conversations…\n";
    Status loaded =
        load_generated_work(*rt.db, items, agent_ids.front(), agent_ids, rt.clock.now_ms(), std::cout);
    if (!loaded.ok()) return fail("demo", loaded.error());
  }
  rt.db->close();
  std::cout << "Demo data loaded into " << config.data_dir << ".\n"
            << "Sign in at http://" << config.listen << " with password \"" << kDemoPassword << "\" as:\n";
  for (const auto& person : kDemoUsers)
    std::cout << "  " << person.email << "  (" << person.name << ", " << person.role << ")\n";
  std::cout << "Customers sign in to the portal (/portal/api/v1/auth/login) with the same password as:\n";
  for (const auto& customer : kDemoCustomers)
    std::cout << "  " << customer.email << "  (" << customer.name << ", " << customer.organization << ")\n";
  return 0;
}

}  // namespace tandem::app
