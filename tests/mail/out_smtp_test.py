#!/usr/bin/env python3
"""Outgoing mail end to end: a real `tandem serve` sends through a real SMTP sink. An agent's public reply
reaches the requester and the customer follower threaded under the earlier mail, an internal note never
reaches a customer, internal users get mail for messages they have not read, a status change and a portal
invitation are mailed, mail waits while the relay is down and goes out once it is back, and an
authenticating relay gets the configured login.

Usage: out_smtp_test.py <path-to-tandem-binary>"""

import sys

from out_mail_peers import SmtpSink, TandemServer, free_port, wait_until

ADMIN = ("admin@tandem.test", "Ada Admin", "admin", "correct horse battery")
AGENT = ("agent@tandem.test", "Alan Agent", "agent", "agent password 1")
PUBLIC_URL = "https://help.tandem.test"


def portal_customer(server, email, name, language=None):
    customer = server.client()
    registration = {"email": email, "password": name.lower() + " password", "name": name}
    if language:
        registration["language"] = language
    body = customer.call("POST", "/portal/api/v1/auth/register", registration, 201)
    customer.csrf = body["csrf_token"]
    return customer, body["customer"]["id"]


def main(binary):
    sink = SmtpSink(free_port())
    server = TandemServer(binary, [ADMIN, AGENT], {"TANDEM_PUBLIC_URL": PUBLIC_URL})
    try:
        run(server, sink)
    except BaseException:
        print("server log:\n" + server.log_text(), file=sys.stderr)
        raise
    finally:
        server.stop()
        sink.stop()
    print("out_smtp: all checks passed")


def run(server, sink):
    admin = server.client()
    admin.csrf = admin.call("POST", "/api/v1/auth/login", {"email": ADMIN[0], "password": ADMIN[3]}, 200)["csrf_token"]
    agent_id = [u for u in admin.call("GET", "/api/v1/users", None, 200)["data"] if u["email"] == AGENT[0]][0]["id"]
    admin.call("PUT", "/api/v1/settings/email", {
        "inbound_addresses": ["support@tandem.test"],
        "smtp": {"host": "127.0.0.1", "port": sink.port, "security": "none"},
        "from_name": "Tandem Support", "notify_delay_seconds": 1}, 200)

    carla, _ = portal_customer(server, "carla@acme.example", "Carla")
    _, dan_id = portal_customer(server, "dan@acme.example", "Dan", language="ru")
    ticket = carla.call("POST", "/portal/api/v1/tickets", {"title": "Invoice is wrong"}, 201)
    item_id = ticket["id"]
    number = admin.call("GET", f"/api/v1/items/{item_id}", None, 200)["number"]
    admin.call("PATCH", f"/api/v1/items/{item_id}", {"followers": [{"kind": "customer", "id": dan_id}]}, 200)

    # An agent's public reply reaches the requester and the customer follower.
    admin.call("POST", f"/api/v1/items/{item_id}/messages", {"body": "We are on it.", "visibility": "public"}, 201)
    first = sink.wait_for("carla@acme.example", "We are on it.")
    sink.wait_for("dan@acme.example", "We are on it.")
    assert first.header("From") == '"Tandem Support" <support@tandem.test>' or \
        first.header("From") == "Tandem Support <support@tandem.test>", first.header("From")
    assert first.header("To").endswith("<carla@acme.example>"), first.header("To")
    assert first.header("Reply-To").startswith(f"support+{number}-"), first.header("Reply-To")
    assert f"[#{number}]" in first.header("Subject"), first.header("Subject")
    assert first.header("Message-ID").startswith(f"<tandem.{number}."), first.header("Message-ID")
    assert first.header("In-Reply-To") is None
    assert first.header("Auto-Submitted") is None, "a person's reply"
    assert first.message.get_content_charset() == "utf-8"
    assert f"{PUBLIC_URL}/portal/tickets/{number}" in first.text(), first.text()
    assert first.mail_from == "support@tandem.test"

    # An internal note never reaches a customer; the next reply threads under the first mail.
    admin.call("POST", f"/api/v1/items/{item_id}/messages",
               {"body": "SECRET-NOTE: they owe us money", "visibility": "internal"}, 201)
    admin.call("POST", f"/api/v1/items/{item_id}/messages",
               {"body": "Второй ответ: исправлено ✓", "visibility": "public"}, 201)
    second = sink.wait_for("carla@acme.example", "Второй ответ: исправлено ✓")
    assert second.header("In-Reply-To") == first.header("Message-ID"), (second.header("In-Reply-To"),
                                                                        first.header("Message-ID"))
    assert first.header("Message-ID") in second.header("References"), second.header("References")

    # A customer's reply goes to the other customer and, once unread for the delay, to the assignee.
    admin.call("PATCH", f"/api/v1/items/{item_id}", {"assignees": [{"kind": "user", "id": agent_id}]}, 200)
    carla.call("POST", f"/portal/api/v1/items/{item_id}/messages", {"body": "Still broken for me"}, 201)
    sink.wait_for("dan@acme.example", "Still broken for me")
    to_agent = sink.wait_for(AGENT[0], "Still broken for me")
    assert to_agent.header("Auto-Submitted") == "auto-generated"
    assert f"{PUBLIC_URL}/tickets/{number}" in to_agent.text(), to_agent.text()

    # A status change is mailed to the customers, each in its language: Dan registered in Russian.
    admin.call("PATCH", f"/api/v1/items/{item_id}", {"status_id": 2}, 200)
    changed = wait_until(lambda: [m for m in sink.mail_to("carla@acme.example")
                                  if m.header("Auto-Submitted") == "auto-generated"], "the status mail")[0]
    assert f"[#{number}]" in changed.header("Subject")
    assert "the status of your request" in changed.text(), changed.text()
    in_russian = sink.wait_for("dan@acme.example", "Статус вашего обращения")
    assert "Здравствуйте, Dan!" in in_russian.text(), in_russian.text()

    # A portal invitation arrives with its link.
    olga = admin.call("POST", "/api/v1/customers", {"name": "Olga", "emails": ["olga@other.example"]}, 201)
    admin.call("POST", f"/api/v1/customers/{olga['id']}/invite", None, 202)
    invitation = sink.wait_for("olga@other.example", f"{PUBLIC_URL}/portal/set-password?token=")
    assert invitation.header("Subject") == "Your support portal invitation"

    everything = sink.mail_to("carla@acme.example") + sink.mail_to("dan@acme.example")
    assert all("SECRET-NOTE" not in m.text() for m in everything), "an internal note reached a customer"

    # While the relay is down the mail waits; once it is back (now asking for a login) it goes out.
    port = sink.port
    sink.stop()
    admin.call("PUT", "/api/v1/settings/email",
               {"smtp": {"host": "127.0.0.1", "port": port, "security": "none", "user": "relay",
                         "password": "relay secret"}}, 200)
    admin.call("POST", f"/api/v1/items/{item_id}/messages", {"body": "Sent while down", "visibility": "public"}, 201)
    wait_until(lambda: "Connection refused" in server.log_text() or "Couldn't connect" in server.log_text(),
               "a failed delivery attempt in the log")
    back = SmtpSink(port, credentials=("relay", "relay secret"))
    try:
        late = back.wait_for("carla@acme.example", "Sent while down")
        assert late.auth_user == "relay", late.auth_user
        assert back.mail_to("carla@acme.example", "We are on it.") == [], "delivered mail is not sent again"
    finally:
        back.stop()


if __name__ == "__main__":
    main(sys.argv[1])
