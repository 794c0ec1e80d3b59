#include "app/tandem_server.h"

#include <filesystem>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "api/api_app.h"
#include "api/error_response.h"
#include "api/serializers.h"
#include "app/mail_gateway.h"
#include "core/periodic_thread.h"
#include "core/policy.h"
#include "net/server.h"
#include "service/auth/auth_service.h"
#include "service/auth/secrets.h"
#include "service/email_out/imap_poller.h"
#include "store/event_log.h"

namespace tandem::app {

namespace {

// Sends each committed event, as JSON, to the live clients allowed to see it (the same filter as the feed).
void publish_events(service::Services& services, net::LiveHub& hub, const std::vector<std::int64_t>& ids) {
  if (hub.size() == 0) return;  // nobody listens: the writer goes on to the next group at once
  std::vector<store::Event> events;
  Status read = services.db.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(events, store::events_by_ids(txn, ids));
    return {};
  });
  if (!read.ok()) {
    spdlog::error("live: cannot read committed events: {}", read.error().internal);
    return;
  }
  for (const auto& event : events) {
    const std::string message = nlohmann::json{{"type", "event"}, {"event", api::event_json(event)}}.dump();
    hub.publish(message, [&](const Actor& actor) {
      auto visible = services.events.visible(actor, {event});
      return visible.ok() && !visible.value().empty();
    });
  }
}

net::ServerOptions server_options(const Config& config, std::string host, std::uint16_t port) {
  net::ServerOptions options;
  options.host = std::move(host);
  options.port = port;
  options.io_threads = config.io_threads;
  options.worker_threads = std::max(1u, config.worker_threads);
  options.max_body_bytes = config.max_body_bytes;
  options.max_header_bytes = config.max_header_bytes;
  options.idle_timeout = std::chrono::seconds(config.idle_timeout_seconds);
  options.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
  options.max_connections = config.max_connections;
  options.access_log = config.access_log;
  options.upload = {{std::string(api::kUploadPath), std::string(api::kPortalUploadPath)},
                    config.max_file_bytes,
                    (std::filesystem::path(config.data_dir) / "files" / "tmp").string()};
  return options;
}

}  // namespace

// How often the IMAP mailboxes are asked for new mail.
constexpr std::chrono::seconds kImapPollInterval{30};
// How often live clients are authenticated again: as long as a checked credential is trusted.
const std::chrono::milliseconds kLiveRecheckInterval{service::AuthSettings{}.identity_cache_ttl_ms};

struct TandemServer::Parts {
  net::Metrics metrics;
  net::LiveHub hub;
  std::unique_ptr<api::ApiApp> app;
  std::unique_ptr<net::HttpServer> server;
  std::unique_ptr<net::MailListener> mail;    // when config.mail_listen is set
  std::unique_ptr<service::ImapPoller> imap;  // the IMAP mailboxes of the email settings
  PeriodicThread live_recheck;                // authenticates live clients again
  bool stopped = false;
};

Result<std::unique_ptr<TandemServer>> TandemServer::start(const Config& config) {
  TANDEM_ASSIGN(const auto endpoint, parse_listen(config.listen));
  std::unique_ptr<TandemServer> self(new TandemServer());
  TANDEM_ASSIGN(self->runtime_, open_runtime(config));
  service::dummy_password_hash();  // made now rather than during the first sign-in, whose time it would tell
  self->parts_ = std::make_unique<Parts>();
  Runtime& rt = *self->runtime_;
  Parts& parts = *self->parts_;
  parts.app = std::make_unique<api::ApiApp>(*rt.services, parts.metrics, parts.hub,
                                            api::ApiSettings{config.secure_cookies, config.web_root});
  rt.db->set_on_commit(
      [&rt, &parts](const std::vector<std::int64_t>& ids) { publish_events(*rt.services, parts.hub, ids); });
  api::ApiApp& app = *parts.app;
  net::ServerHooks hooks{
      [&app](net::Request& request) { return app.handle(request); },
      [](ErrorCode code, std::string message) {
        return api::error_response(Error::make(code, std::move(message)));
      },
      [&app](net::Request& request) { return app.authenticate_live(request); },
      [&app](const Actor& actor) { return app.live_hello(actor); },
      [&app](net::Request& request) { return app.admit_upload(request); },
  };
  parts.server = std::make_unique<net::HttpServer>(server_options(config, endpoint.first, endpoint.second),
                                                   std::move(hooks), parts.metrics, parts.hub);
  TANDEM_ASSIGN(self->port_, parts.server->start());
  self->host_ = endpoint.first;
  if (!config.mail_listen.empty()) {
    TANDEM_ASSIGN(parts.mail, start_mail_listener(config, rt.services->mail_intake));
  }
  parts.imap =
      std::make_unique<service::ImapPoller>(*rt.db, [&rt](std::string_view raw, std::string_view source) {
        return status_of(rt.services->mail_intake.accept(raw, source));
      });
  parts.imap->start(kImapPollInterval);
  parts.live_recheck.start(kLiveRecheckInterval, [&parts] { parts.hub.recheck(); });
  rt.services->jobs.start();
  return self;
}

std::string TandemServer::url() const {
  const bool ipv6 = host_.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host_ + "]" : host_) + ":" + std::to_string(port_);
}

void TandemServer::recheck_live_clients() {
  parts_->hub.recheck();
}

void TandemServer::stop() {
  if (!parts_ || parts_->stopped) return;
  parts_->stopped = true;
  if (parts_->mail) parts_->mail->stop();
  if (parts_->imap) parts_->imap->stop();
  parts_->live_recheck.stop();
  parts_->server->stop();
  runtime_->services->jobs.stop();
  runtime_->db->set_on_commit({});
  runtime_->db->close();
}

TandemServer::~TandemServer() {
  stop();
}

}  // namespace tandem::app
