// Outgoing mail throughput: a template rendered and an RFC 5322 message built (the CPU part of every mail),
// and a whole mail.notify job through the outbox: read the item and its recipients, render, build, hand to
// the relay and record the Message-ID (the relay is a counter, so the store is what is measured).
#include <benchmark/benchmark.h>

#include "service/email/email_settings.h"
#include "service/email_out/mail_outbox.h"
#include "service/email_out/mail_templates.h"
#include "service/email_out/outgoing_mail.h"
#include "store/temp_database.h"

namespace tandem::service {
namespace {

const std::string kReply =
    "Hello Carla,\n\nwe have looked at the invoice. The amount was wrong because the discount of the "
    "framework contract was not applied; the corrected invoice is attached to the ticket.\n\n"
    "Привет! Счёт исправлен.\n";

void RenderAndBuild(benchmark::State& state) {
  EmailSettings settings;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const MailTemplate rendered =
        render_mail_template(settings, "agent_reply", "en",
                             {{"ticket.number", "1042"},
                              {"ticket.title", "Invoice is wrong — счёт неверный"},
                              {"message.text", kReply},
                              {"message.author", "Alice Agent"},
                              {"link", "https://help.example.com/portal/tickets/1042"}});
    OutgoingMail mail;
    mail.from_name = "Example Support";
    mail.from_address = "support@example.com";
    mail.to_name = "Carla";
    mail.to_address = "carla@acme.example";
    mail.reply_to = "support+1042-k3j9x2ab@example.com";
    mail.subject = rendered.subject;
    mail.text = rendered.text;
    mail.message_id = "tandem.1042.j17.c3@example.com";
    mail.references = {"CAF=first@mail.acme.example", "tandem.1042.j9.c3@example.com"};
    mail.date = 1'795'426'200'000;
    const std::string message = build_message(mail);
    bytes += message.size();
    benchmark::DoNotOptimize(message.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(RenderAndBuild);

void NotifyJob(benchmark::State& state) {
  store::TempDatabase temp("mail-bench");
  FakeClock clock(1'795'426'200'000);
  Status setup = temp.db().write([&](store::Txn& txn) -> Status {
    TANDEM_TRY(txn.exec_script(
        "INSERT INTO items(id, number, type_id, status_id, state, title, created_at, updated_at) "
        "VALUES (1, 1042, 1, 1, 'not_started', 'Invoice is wrong', 0, 0);"
        "INSERT INTO customers(id, name, created_at, updated_at) VALUES (1, 'Carla', 0, 0), (2, 'Dan', 0, 0);"
        "INSERT INTO customer_emails(email, customer_id) VALUES ('carla@acme.example', 1), "
        "('dan@acme.example', 2);"
        "INSERT INTO item_parties(item_id, role, party_kind, party_id) VALUES (1, 'requester', 'customer', "
        "1), "
        "(1, 'follower', 'customer', 2);"
        "INSERT INTO messages(id, item_id, visibility, author_kind, body, body_html, created_at, updated_at) "
        "VALUES (1, 1, 'public', 'system', 'The corrected invoice is attached.', '', 0, 0);"));
    EmailSettings settings;
    settings.inbound_addresses = {"support@example.com"};
    settings.smtp.host = "relay.example.com";
    return store_email_settings(txn, settings, 0);
  });
  if (!setup.ok()) {
    state.SkipWithError(setup.error().internal.c_str());
    return;
  }
  std::int64_t delivered = 0;
  MailOutbox outbox(
      temp.db(), clock,
      [&](const SmtpRelay&, const Envelope&) -> Status {
        ++delivered;
        return {};
      },
      "https://help.example.com");
  std::int64_t job_id = 0;
  for (auto _ : state) {
    const Status sent = outbox.notify(
        {++job_id, "mail.notify", R"({"event":"agent_reply","item_id":1,"message_id":1})", 1, 30});
    if (!sent.ok()) state.SkipWithError(sent.error().internal.c_str());
  }
  state.SetItemsProcessed(delivered);
  state.counters["mails_per_job"] =
      static_cast<double>(delivered) / static_cast<double>(std::max<std::int64_t>(job_id, 1));
}
BENCHMARK(NotifyJob)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace tandem::service

BENCHMARK_MAIN();
