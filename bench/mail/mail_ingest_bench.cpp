// Inbound mail throughput on 10 KB messages with one attachment each: GMime parsing alone, the whole pipeline
// (accept: store the raw message and queue its job; the job runner: lease the job, parse, find or create the
// customer, create the ticket, store the attachment and the .eml) into a fresh store one message at a time,
// and the same end to end as an MTA drives it: several LMTP sessions at once into the real listener, timed
// until the background job runner has made every message a ticket. items_per_second is messages per second;
// cpu_ms_per_message is the CPU time of the whole process (all threads) per message.
// Run: build/bench/mail/bench_mail_ingest --benchmark_filter=BM_IngestOverLmtp
// It links the server's allocator; its stores go under TMPDIR (else /tmp), so TMPDIR=<folder> measures
// the disk a data folder would use.
// The same messages through `tandem mail-gate`, one process each as an MTA pipe runs it, into a running
// `tandem serve`: python3 bench/mail/mail_gate_bench.py build/tandem --messages 1000 --parallel 2
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <benchmark/benchmark.h>
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include "app/mail_gateway.h"
#include "core/clock.h"
#include "net/mail/mail_listener.h"
#include "service/auth/secrets.h"
#include "service/customers/portal_settings.h"
#include "service/email/email_settings.h"
#include "service/email_in/mail_parser.h"
#include "service/services.h"
#include "store/temp_database.h"

namespace {

using namespace tandem;

// A message of about 10 KB: 4 KB of text and a 4 KB text attachment of its own (base64), from one of 50
// senders. (bench/mail/mail_gate_bench.py builds the same.)
std::string message(int n) {
  std::string text;
  while (text.size() < 4096)
    text += "The report for line " + std::to_string(text.size()) + " looks wrong.\r\n";
  std::string content;
  while (content.size() < 4200)
    content += "Attachment of message " + std::to_string(n) + ", line " + std::to_string(content.size()) +
               ": ABCDEFGHIJKLMNOPQRSTUVWXYZ\n";
  std::string encoded(sodium_base64_ENCODED_LEN(content.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), reinterpret_cast<const unsigned char*>(content.data()),
                    content.size(), sodium_base64_VARIANT_ORIGINAL);
  encoded.resize(encoded.size() - 1);  // the terminating NUL
  std::string attachment;
  for (std::size_t at = 0; at < encoded.size(); at += 76) attachment += encoded.substr(at, 76) + "\r\n";
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

// A fresh store whose email settings take mail to support@example.com, from any sender at any rate.
struct World {
  World()
      : temp("bench-mail-ingest"),
        services(temp.db(), clock, {(temp.dir() / "files").string(), 100 << 20, ""}) {
    configured = temp.db().write([&](store::Txn& txn) -> Status {
      service::EmailSettings email;
      email.inbound_addresses = {"support@example.com"};
      email.sender_limit_per_hour = 1'000'000;
      email.auto_reply = false;  // no acknowledgement jobs: this measures taking mail in
      return service::store_email_settings(txn, email, clock.now_ms());
    });
  }
  // The id of the newest item: the items made so far, cheaply (ids are given in order, none are deleted).
  std::int64_t last_item() {
    std::int64_t count = -1;
    (void)temp.db().read([&](store::Txn& txn) -> Status {
      TANDEM_ASSIGN(const auto row, txn.one("SELECT coalesce(max(id), 0) FROM items"));
      count = row ? row->int64(0) : -1;
      return {};
    });
    return count;
  }

  store::TempDatabase temp;
  SystemClock clock;
  service::Services services;
  Status configured;
};

// The stores of every run, removed only when all runs are over: ext4 without a journal passes over inodes
// freed in the last minutes when it allocates new ones, so removing a run's thousands of files would slow
// the file creation of the runs after it.
std::vector<std::unique_ptr<World>>& worlds() {
  static std::vector<std::unique_ptr<World>> kept;
  return kept;
}

World& new_world() {
  return *worlds().emplace_back(std::make_unique<World>());
}

void BM_IngestMail(benchmark::State& state) {
  service::init_secrets();
  World& world = new_world();
  if (!world.configured.ok()) state.SkipWithError("cannot configure the store");
  int n = 0;
  for (auto _ : state) {
    const auto accepted = world.services.mail_intake.accept(message(n++), "bench");
    if (!accepted.ok() || !world.services.jobs.run_due().ok()) {
      state.SkipWithError("ingest failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_IngestMail)->Unit(benchmark::kMillisecond)->Iterations(2000)->UseRealTime();

// One LMTP session to 127.0.0.1:port. Every call answers whether the server said what was expected.
class LmtpClient {
 public:
  explicit LmtpClient(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok_ = fd_ >= 0 && ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0 &&
          reply() == 220 && command("LHLO bench.example\r\n") == 250;
  }
  ~LmtpClient() {
    if (ok_) command("QUIT\r\n");
    if (fd_ >= 0) ::close(fd_);
  }
  LmtpClient(const LmtpClient&) = delete;
  LmtpClient& operator=(const LmtpClient&) = delete;

  /// Delivers `raw` (CRLF lines) to support@example.com; true on 250 after the data.
  bool deliver(const std::string& raw) {
    if (!ok_ || command("MAIL FROM:<mta@bench.example>\r\n") != 250 ||
        command("RCPT TO:<support@example.com>\r\n") != 250 || command("DATA\r\n") != 354)
      return false;
    std::string data;
    for (std::size_t at = 0; at < raw.size();) {  // dot-stuffing
      const std::size_t end = std::min(raw.find("\r\n", at), raw.size());
      if (raw[at] == '.') data += '.';
      data.append(raw, at, end - at).append("\r\n");
      at = end + 2;
    }
    return command(data + ".\r\n") == 250;
  }

 private:
  int command(const std::string& text) {
    for (std::size_t sent = 0; sent < text.size();) {
      const ssize_t n = ::send(fd_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) {
        ok_ = false;
        return 0;
      }
      sent += static_cast<std::size_t>(n);
    }
    return reply();
  }
  // The code of the next reply (its last line: "250 ..." after any "250-..."); 0 when the peer is gone.
  int reply() {
    for (;;) {
      const std::size_t end = buffer_.find("\r\n");
      if (end != std::string::npos) {
        const std::string line = buffer_.substr(0, end);
        buffer_.erase(0, end + 2);
        if (line.size() >= 4 && line[3] == '-') continue;
        return line.size() >= 3 ? std::atoi(line.substr(0, 3).c_str()) : 0;
      }
      char chunk[4096];
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return 0;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  int fd_;
  bool ok_ = false;
  std::string buffer_;
};

// state.range(0) LMTP sessions at once deliver 2,000 messages into the listener of a server whose job runner
// runs in the background; timed from the first message until the last ticket exists.
void BM_IngestOverLmtp(benchmark::State& state) {
  service::init_secrets();
  const int sessions = static_cast<int>(state.range(0));
  const int count = 2000;
  std::vector<std::string> messages;
  for (int n = 0; n < count; ++n) messages.push_back(message(n));
  for (auto _ : state) {
    state.PauseTiming();
    World& world = new_world();
    net::MailListenerOptions options;
    options.port = 0;
    net::MailListener listener(options, app::mail_hooks(world.services.mail_intake));
    const auto port = listener.start();
    if (!world.configured.ok() || !port.ok()) {
      state.SkipWithError("cannot start the listener");
      break;
    }
    world.services.jobs.start(std::chrono::milliseconds(100));
    const std::int64_t before = world.last_item();
    const std::clock_t cpu_before = std::clock();
    state.ResumeTiming();

    std::vector<std::thread> senders;
    std::atomic<int> failed{0};
    for (int s = 0; s < sessions; ++s)
      senders.emplace_back([&, s] {
        LmtpClient client(*port);
        for (int n = s; n < count; n += sessions)
          if (!client.deliver(messages[static_cast<std::size_t>(n)])) ++failed;
      });
    for (auto& sender : senders) sender.join();
    while (failed == 0 && world.last_item() - before < count)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));

    state.PauseTiming();
    const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_before) / CLOCKS_PER_SEC;
    state.counters["cpu_ms_per_message"] = cpu_ms / count;
    if (failed > 0) state.SkipWithError("a delivery failed");
    world.services.jobs.stop();
    listener.stop();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * count);
}
BENCHMARK(BM_IngestOverLmtp)
    ->Arg(1)
    ->Arg(4)
    ->Arg(8)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  worlds().clear();
  return 0;
}
