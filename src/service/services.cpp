#include "service/services.h"

namespace tandem::service {

namespace {

// Inbound messages turned into tickets in one transaction at most.
constexpr int kMailBatch = 64;

}  // namespace

Services::Services(store::Database& db, const Clock& clock, ServiceSettings settings)
    : db(db),
      clock(clock),
      settings(std::move(settings)),
      auth(db, clock),
      modules(db, clock),
      users(db, clock, auth),
      catalog(db, clock),
      custom_fields(db, clock),
      search(db, modules),
      teams(db, clock),
      portfolios(db, clock),
      projects(db, clock),
      join_requests(db, clock),
      folders(db, clock),
      tree(db, modules),
      items(db, clock, modules),
      events(db),
      files(db, clock, modules, this->settings.files_dir, this->settings.max_file_bytes),
      conversations(db, clock, modules),
      customers(db, clock),
      portal_auth(db, clock),
      portal(db, clock, items, conversations),
      email_settings(db, clock),
      jobs(db, clock),
      time_settings(db, clock),
      rates(db, clock),
      timesheets(db, clock, items),
      timers(db, clock, items, timesheets),
      time_reports(db),
      mail_intake(db, clock, items, conversations, files, jobs),
      mail_outbox(
          db, clock,
          [](const SmtpRelay& relay, const Envelope& envelope) { return send_smtp(relay, envelope); },
          this->settings.public_url) {
  jobs.handle_batched(
      "mail.receive", [this](const store::Job& job) { return mail_intake.prepare(job); }, kMailBatch);
  mail_outbox.register_handlers(jobs);
}

}  // namespace tandem::service
