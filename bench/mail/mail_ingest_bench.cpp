// Inbound mail throughput on 10 KB messages with one attachment: GMime parsing alone, and the whole pipeline
// (accept: store the raw message and queue its job; the job runner: lease the job, parse, find or create the
// customer, create the ticket, store the attachment and the .eml) into a fresh store. items_per_second is
// messages per second.
#include <benchmark/benchmark.h>

#include <string>

#include "core/clock.h"
#include "service/auth/secrets.h"
#include "service/customers/portal_settings.h"
#include "service/email/email_settings.h"
#include "service/email_in/mail_parser.h"
#include "service/services.h"
#include "store/temp_database.h"

namespace {

using namespace tandem;

// A message of about 10 KB: 4 KB of text and a 4 KB attachment (base64), from one of 50 senders.
std::string message(int n) {
  std::string text;
  while (text.size() < 4096)
    text += "The report for line " + std::to_string(text.size()) + " looks wrong.\r\n";
  std::string attachment;
  for (int i = 0; attachment.size() < 5600; ++i)
    attachment += "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkw\r\n";
  return "From: Customer " + std::to_string(n % 50) + " <c" + std::to_string(n % 50) +
         "@customer.example>\r\nTo: support@example.com\r\nSubject: Report " + std::to_string(n) +
         "\r\nMessage-ID: <bench-" + std::to_string(n) +
         "@customer.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
         "Content-Type: text/plain; charset=utf-8\r\n\r\n" +
         text + "--b\r\nContent-Type: application/octet-stream; name=report-" + std::to_string(n) +
         ".bin\r\nContent-Disposition: attachment\r\nContent-Transfer-Encoding: base64\r\n\r\n" + attachment +
         "--b--\r\n";
}

void BM_ParseMail(benchmark::State& state) {
  const std::string raw = message(1);
  for (auto _ : state) benchmark::DoNotOptimize(service::parse_mail(raw));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(raw.size()));
}
BENCHMARK(BM_ParseMail);

void BM_IngestMail(benchmark::State& state) {
  service::init_secrets();
  store::TempDatabase temp("bench-mail-ingest");
  SystemClock clock;
  service::Services services(temp.db(), clock, {(temp.dir() / "files").string(), 100 << 20, ""});
  const Status configured = temp.db().write([&](store::Txn& txn) -> Status {
    service::EmailSettings email;
    email.inbound_addresses = {"support@example.com"};
    email.sender_limit_per_hour = 1'000'000;
    email.auto_reply = false;  // no acknowledgement jobs: this measures taking mail in
    return service::store_email_settings(txn, email, clock.now_ms());
  });
  if (!configured.ok()) state.SkipWithError("cannot configure the store");
  int n = 0;
  for (auto _ : state) {
    const auto accepted = services.mail_intake.accept(message(n++), "bench");
    if (!accepted.ok() || !services.jobs.run_due().ok()) {
      state.SkipWithError("ingest failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_IngestMail)->Unit(benchmark::kMillisecond)->Iterations(2000)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
