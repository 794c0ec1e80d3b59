// Every application service, built once over one store and one clock. Channels (API, CLI, demo loader)
// reach the domain only through this set.
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.h"
#include "service/auth/auth_service.h"
#include "service/catalog/catalog_service.h"
#include "service/catalog/custom_field_service.h"
#include "service/conversations/conversation_service.h"
#include "service/customers/customer_service.h"
#include "service/email/email_settings.h"
#include "service/email_in/mail_intake.h"
#include "service/email_out/mail_outbox.h"
#include "service/events/event_feed.h"
#include "service/files/file_service.h"
#include "service/hierarchy/folder_service.h"
#include "service/hierarchy/join_request_service.h"
#include "service/hierarchy/portfolio_service.h"
#include "service/hierarchy/project_service.h"
#include "service/hierarchy/team_service.h"
#include "service/hierarchy/tree_service.h"
#include "service/items/item_service.h"
#include "service/jobs/job_runner.h"
#include "service/portal/portal_auth_service.h"
#include "service/portal/portal_service.h"
#include "service/search/search_service.h"
#include "service/settings/module_service.h"
#include "service/time/rate_service.h"
#include "service/time/time_report_service.h"
#include "service/time/time_settings.h"
#include "service/time/timer_service.h"
#include "service/time/timesheet_service.h"
#include "service/users/user_service.h"
#include "store/database.h"

namespace tandem::service {

struct ServiceSettings {
  std::string files_dir;                             // where uploaded files are stored (content-addressed)
  std::uint64_t max_file_bytes = 100 * 1024 * 1024;  // largest accepted upload
  std::string public_url;                            // where users reach Tandem; links in mail start here
};

struct Services {
  /// Builds the services over `db` and `clock`, which must outlive them. Not copyable or movable.
  Services(store::Database& db, const Clock& clock, ServiceSettings settings);
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  store::Database& db;
  const Clock& clock;
  const ServiceSettings settings;
  AuthService auth;
  ModuleService modules;
  UserService users;
  CatalogService catalog;
  CustomFieldService custom_fields;
  SearchService search;
  TeamService teams;
  PortfolioService portfolios;
  ProjectService projects;
  JoinRequestService join_requests;
  FolderService folders;
  TreeService tree;
  ItemService items;
  EventFeed events;
  FileService files;
  ConversationService conversations;
  CustomerService customers;
  PortalAuthService portal_auth;
  PortalService portal;
  EmailSettingsService email_settings;
  JobRunner jobs;          // handlers of durable jobs; `tandem serve` runs them in the background
  TimeSettingsService time_settings;
  RateService rates;
  TimesheetService timesheets;
  TimerService timers;
  TimeReportService time_reports;
  MailIntake mail_intake;  // inbound mail: stored, then processed by `mail.receive` jobs
  MailOutbox mail_outbox;  // mail.send and mail.notify jobs, through the SMTP relay
};

}  // namespace tandem::service
