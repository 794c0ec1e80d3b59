#include "service/conversations/conversation_service.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "service/files/files_test_world.h"

namespace tandem::service {

namespace {

class ConversationServiceTest : public FilesTestWorld {
 protected:
  Result<MessageView> post(const Actor& actor, std::string body, std::string visibility = "public",
                           std::vector<std::int64_t> file_ids = {}) {
    return conversations_.post_message(actor, project_item_,
                                       {std::move(body), std::move(visibility), std::move(file_ids)});
  }
  // The payload of the item's newest event of `kind`.
  nlohmann::json last_payload(const std::string& kind) {
    nlohmann::json payload;
    EXPECT_TRUE(
        temp_.db()
            .read([&](store::Txn& txn) -> Status {
              TANDEM_ASSIGN(
                  auto row,
                  txn.one("SELECT payload FROM events WHERE entity_type = 'item' AND entity_id = ? AND "
                          "kind = ? ORDER BY id DESC LIMIT 1",
                          {project_item_, kind}));
              if (row) payload = nlohmann::json::parse(row->text(0));
              return {};
            })
            .ok());
    return payload;
  }
  void expect_invalid(const Result<MessageView>& result, const std::string& field) {
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::validation_failed) << result.error().message;
    EXPECT_EQ(result.error().details.at("field"), field) << result.error().message;
  }
};

}  // namespace

TEST_F(ConversationServiceTest, VisibilityIsRequiredAndKeptOnEveryMessage) {
  expect_invalid(post(member_, "hi", ""), "visibility");
  expect_invalid(post(member_, "hi", "Public"), "visibility");
  const auto reply = post(member_, "Hello **customer**", "public");
  const auto note = post(member_, "between us", "internal");
  ASSERT_TRUE(reply.ok() && note.ok());
  EXPECT_EQ(reply->message.visibility, "public");
  EXPECT_EQ(note->message.visibility, "internal");
  EXPECT_EQ(reply->message.body_html, "<p>Hello <strong>customer</strong></p>\n");
  EXPECT_EQ(reply->message.author_kind, "user");
  EXPECT_EQ(reply->message.author_id, member_.user_id);
  EXPECT_EQ(reply->message.author_name, "member");
  EXPECT_FALSE(reply->message.edited);
  EXPECT_EQ(last_payload("item.message_added"), (nlohmann::json{{"message_id", note->message.id},
                                                                {"visibility", "internal"},
                                                                {"author_id", member_.user_id}}));
}

TEST_F(ConversationServiceTest, BodiesAreRenderedSafelyAndLimitedTo100000Characters) {
  const auto attack = post(member_, "<script>alert(1)</script> [x](javascript:alert(1))");
  ASSERT_TRUE(attack.ok());
  EXPECT_EQ(attack->message.body_html.find("<script"), std::string::npos) << attack->message.body_html;
  EXPECT_EQ(attack->message.body_html.find("javascript:"), std::string::npos) << attack->message.body_html;
  EXPECT_EQ(attack->message.body, "<script>alert(1)</script> [x](javascript:alert(1))") << "kept as written";
  expect_invalid(post(member_, " \n\t"), "body");
  expect_invalid(post(member_, std::string(100'001, 'a')), "body");
  std::string wide;
  for (int i = 0; i < 100'000; ++i) wide += "ж";
  EXPECT_TRUE(post(member_, wide).ok()) << "characters count, not bytes";
}

TEST_F(ConversationServiceTest, PostingIsActivityButLeavesTheItemVersion) {
  clock_.advance_ms(5000);
  ASSERT_TRUE(post(member_, "hi").ok());
  EXPECT_EQ(number("SELECT updated_at FROM items WHERE id = " + std::to_string(project_item_)),
            kWorldStart + 5000);
  EXPECT_EQ(number("SELECT version FROM items WHERE id = " + std::to_string(project_item_)), 1);
}

TEST_F(ConversationServiceTest, MessagesOfItemsTheActorCannotSeeAreNotFound) {
  const auto message = post(member_, "hi");
  ASSERT_TRUE(message.ok());
  const std::int64_t id = message->message.id;
  EXPECT_EQ(post(outsider_, "me too").error().code, ErrorCode::not_found);
  EXPECT_EQ(conversations_.list_messages(outsider_, project_item_, 0, 50).error().code, ErrorCode::not_found);
  EXPECT_EQ(conversations_.get_message(outsider_, project_item_, id).error().code, ErrorCode::not_found);
  EXPECT_EQ(conversations_.edit_message(outsider_, project_item_, id, "x").error().code,
            ErrorCode::not_found);
  EXPECT_EQ(conversations_.list_revisions(outsider_, project_item_, id, 0, 50).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(conversations_.list_attachments(outsider_, project_item_).error().code, ErrorCode::not_found);
  EXPECT_EQ(conversations_.list_messages(member_, 999, 0, 50).error().code, ErrorCode::not_found);
  const std::int64_t other_item = add_item("NULL");
  EXPECT_EQ(conversations_.get_message(member_, other_item, id).error().code, ErrorCode::not_found)
      << "a message is found only under its own item";
  EXPECT_TRUE(conversations_.get_message(admin_, project_item_, id).ok());
}

TEST_F(ConversationServiceTest, ListsOldestFirstAfterACursor) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(post(member_, "message " + std::to_string(i)).value().message.id);
  const auto first = conversations_.list_messages(member_, project_item_, 0, 2);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ(first->at(0).message.id, ids[0]);
  EXPECT_EQ(first->at(1).message.body, "message 1");
  const auto rest = conversations_.list_messages(member_, project_item_, first->back().message.id, 50);
  ASSERT_EQ(rest->size(), 3u);
  EXPECT_EQ(rest->back().message.id, ids[4]);
}

TEST_F(ConversationServiceTest, MessagesCarryFilesTheActorMayRead) {
  const auto mine = upload(member_, "shot.png", kPng).value();
  const auto theirs = upload(outsider_, "private.txt", "not yours").value();
  expect_invalid(post(member_, "see", "public", {mine.id, theirs.id}), "file_ids");
  expect_invalid(post(member_, "see", "public", {mine.id, mine.id}), "file_ids");
  EXPECT_EQ(number("SELECT COUNT(*) FROM messages"), 0) << "nothing is kept of a refused message";

  const auto message = post(member_, "", "internal", {mine.id});
  ASSERT_TRUE(message.ok()) << message.error().message;
  ASSERT_EQ(message->attachments.size(), 1u);
  EXPECT_EQ(message->attachments[0].id, mine.id);
  EXPECT_EQ(message->attachments[0].name, "shot.png");
  EXPECT_EQ(
      last_payload("item.attachment_added"),
      (nlohmann::json{{"file_id", mine.id}, {"name", "shot.png"}, {"message_id", message->message.id}}));
  const auto listed = conversations_.list_messages(member_, project_item_, 0, 50);
  ASSERT_EQ(listed->at(0).attachments.size(), 1u);

  const auto again = post(member_, "again", "public", {mine.id});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

TEST_F(ConversationServiceTest, EditsKeepThePreviousBodyAndOnlyTheAuthorOrAnAdminMayEdit) {
  const auto colleague = add_user("colleague@t.test", Role::agent);
  exec("INSERT INTO project_members(project_id, user_id, role) VALUES (1, " +
       std::to_string(colleague.user_id) + ", 'standard')");
  const std::int64_t id = post(member_, "first words").value().message.id;
  clock_.advance_ms(1000);

  const auto denied = conversations_.edit_message(colleague, project_item_, id, "hijacked");
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, ErrorCode::forbidden);

  const auto edited = conversations_.edit_message(member_, project_item_, id, "second *words*");
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  EXPECT_TRUE(edited->message.edited);
  EXPECT_EQ(edited->message.body, "second *words*");
  EXPECT_EQ(edited->message.body_html, "<p>second <em>words</em></p>\n");
  EXPECT_EQ(edited->message.updated_at, kWorldStart + 1000);
  EXPECT_EQ(edited->message.created_at, kWorldStart);
  EXPECT_EQ(last_payload("item.message_edited"),
            (nlohmann::json{{"message_id", id},
                            {"visibility", "public"},
                            {"changes", {{"body", {{"from", "first words"}, {"to", "second *words*"}}}}}}));

  ASSERT_TRUE(conversations_.edit_message(admin_, project_item_, id, "third").ok());
  ASSERT_TRUE(conversations_.edit_message(admin_, project_item_, id, "third").ok())
      << "unchanged: no revision";
  const auto revisions = conversations_.list_revisions(member_, project_item_, id, 0, 50);
  ASSERT_TRUE(revisions.ok());
  ASSERT_EQ(revisions->size(), 2u);
  EXPECT_EQ(revisions->at(0).body, "first words");
  EXPECT_EQ(revisions->at(0).edited_by, member_.user_id);
  EXPECT_EQ(revisions->at(1).body, "second *words*");
  EXPECT_EQ(revisions->at(1).edited_by, admin_.user_id);

  const auto blank = conversations_.edit_message(member_, project_item_, id, "");
  ASSERT_FALSE(blank.ok());
  EXPECT_EQ(blank.error().details.at("field"), "body");
  EXPECT_EQ(number("SELECT version FROM items WHERE id = " + std::to_string(project_item_)), 1);
}

TEST_F(ConversationServiceTest, FilesAttachDirectlyOnceAndListWithTheirMessage) {
  const auto direct = upload(member_, "spec.pdf", "%PDF-1.4\n").value();
  const auto via_message = upload(member_, "log.txt", "log line\n").value();
  EXPECT_EQ(conversations_.attach_file(member_, project_item_, direct.id).error().code, ErrorCode::forbidden)
      << "a standard member changes only the items it created or is assigned to";
  assign(project_item_, member_);
  const auto attached = conversations_.attach_file(member_, project_item_, direct.id);
  ASSERT_TRUE(attached.ok()) << attached.error().message;
  EXPECT_EQ(attached->file.name, "spec.pdf");
  EXPECT_FALSE(attached->message_id.has_value());
  EXPECT_EQ(last_payload("item.attachment_added"),
            (nlohmann::json{{"file_id", direct.id}, {"name", "spec.pdf"}, {"message_id", nullptr}}));
  EXPECT_EQ(conversations_.attach_file(member_, project_item_, direct.id).error().code, ErrorCode::conflict);
  const auto unreadable = conversations_.attach_file(outsider_, add_item("NULL"), via_message.id);
  ASSERT_FALSE(unreadable.ok());
  EXPECT_EQ(unreadable.error().details.at("field"), "file_id");

  const std::int64_t message_id =
      post(member_, "log attached", "public", {via_message.id}).value().message.id;
  const auto all = conversations_.list_attachments(member_, project_item_);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at(0).file.id, direct.id);
  EXPECT_FALSE(all->at(0).message_id.has_value());
  EXPECT_EQ(all->at(1).file.id, via_message.id);
  EXPECT_EQ(all->at(1).message_id, message_id);
}

}  // namespace tandem::service
