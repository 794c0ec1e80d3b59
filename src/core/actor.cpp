#include "core/actor.h"

namespace tandem {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::admin:
      return "admin";
    case Role::manager:
      return "manager";
    case Role::agent:
      return "agent";
  }
  return "agent";
}

std::optional<Role> parse_role(std::string_view name) {
  if (name == "admin") return Role::admin;
  if (name == "manager") return Role::manager;
  if (name == "agent") return Role::agent;
  return std::nullopt;
}

std::string Actor::label() const {
  switch (kind) {
    case Kind::anonymous:
      return "anonymous";
    case Kind::system:
      return "system";
    case Kind::user:
      return "user:" + std::to_string(user_id);
    case Kind::customer:
      return "customer:" + std::to_string(customer_id);
  }
  return "anonymous";
}

AppLevel Actor::level(App app) const {
  if (kind == Kind::system) return AppLevel::full;
  if (kind != Kind::user) return AppLevel::limited;
  return app_levels[static_cast<std::size_t>(app)];
}

std::string_view to_string(App app) {
  switch (app) {
    case App::tickets:
      return "tickets";
    case App::tasks:
      return "tasks";
    case App::timesheets:
      return "timesheets";
    case App::customers:
      return "customers";
    case App::projects:
      return "projects";
  }
  return "tickets";
}

std::string_view to_string(AppLevel level) {
  switch (level) {
    case AppLevel::full:
      return "full";
    case AppLevel::standard:
      return "standard";
    case AppLevel::limited:
      return "limited";
  }
  return "limited";
}

std::optional<App> parse_app(std::string_view name) {
  for (App app : kAllApps)
    if (to_string(app) == name) return app;
  return std::nullopt;
}

std::optional<AppLevel> parse_app_level(std::string_view name) {
  for (AppLevel level : {AppLevel::full, AppLevel::standard, AppLevel::limited})
    if (to_string(level) == name) return level;
  return std::nullopt;
}

}  // namespace tandem
