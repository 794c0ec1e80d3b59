// For the tests of files and conversations: a migrated database with users, a project and items inserted
// directly, and helpers to build multipart bodies.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "core/clock.h"
#include "service/conversations/conversation_service.h"
#include "service/files/file_service.h"
#include "store/identity/identity_repository.h"
#include "store/temp_database.h"

namespace tandem::service {

inline constexpr TimestampMs kWorldStart = 1'795'426'200'000;  // 2026-11-23T09:30:00Z

class FilesTestWorld : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_ = add_user("admin@t.test", Role::admin);
    member_ = add_user("member@t.test", Role::agent);
    outsider_ = add_user("outsider@t.test", Role::agent);
    exec("INSERT INTO projects(id, name, created_at, updated_at) VALUES (1, 'Secret', 0, 0)");
    exec("INSERT INTO project_members(project_id, user_id, role) VALUES (1, " +
         std::to_string(member_.user_id) + ", 'standard')");
    project_item_ = add_item("1");
  }

  Actor add_user(const std::string& email, Role role) {
    store::UserRow user{0, email, email.substr(0, email.find('@')), role, "x", true, 0, 0};
    EXPECT_TRUE(temp_.db()
                    .write([&](store::Txn& txn) -> Status {
                      TANDEM_ASSIGN(user.id, store::insert_user(txn, user));
                      return {};
                    })
                    .ok());
    return Actor::user(user.id, role, user.name);
  }

  // A ticket in the project with this id ("NULL" for none); created_at/updated_at 0, version 1.
  std::int64_t add_item(const std::string& project_id) {
    const std::int64_t id = ++items_;
    exec(
        "INSERT INTO items(id, number, type_id, status_id, state, title, project_id, created_at, updated_at) "
        "VALUES (" +
        std::to_string(id) + ", " + std::to_string(1000 + id) + ", 1, 1, 'not_started', 'Item', " +
        project_id + ", 0, 0)");
    return id;
  }

  // Assigns `item` to `actor`, which lets a standard member change it.
  void assign(std::int64_t item, const Actor& actor) {
    exec("INSERT INTO item_parties(item_id, role, party_kind, party_id) VALUES (" + std::to_string(item) +
         ", 'assignee', 'user', " + std::to_string(actor.user_id) + ")");
  }

  void exec(const std::string& sql) {
    const Status status = temp_.db().write([&](store::Txn& txn) { return txn.exec_script(sql); });
    ASSERT_TRUE(status.ok()) << status.error().internal;
  }

  // One integer from a query.
  std::int64_t number(const std::string& sql) {
    std::int64_t value = -1;
    EXPECT_TRUE(temp_.db()
                    .read([&](store::Txn& txn) -> Status {
                      TANDEM_ASSIGN(auto row, txn.one(sql));
                      value = row ? row->int64(0) : -1;
                      return {};
                    })
                    .ok());
    return value;
  }

  // Writes `text` to a new file in the test folder and returns its path.
  std::filesystem::path write_body(const std::string& text) {
    const auto path = temp_.dir() / ("body-" + std::to_string(++bodies_));
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  // A multipart/form-data body (boundary "XyZ") with one part.
  static std::string multipart(const std::string& disposition, const std::string& content,
                               const std::string& content_type = "application/octet-stream") {
    return "--XyZ\r\nContent-Disposition: form-data; " + disposition + "\r\nContent-Type: " + content_type +
           "\r\n\r\n" + content + "\r\n--XyZ--\r\n";
  }

  // Uploads `content` as `filename` for `actor`.
  Result<store::FileRow> upload(const Actor& actor, const std::string& filename, const std::string& content) {
    return files_.upload(actor,
                         write_body(multipart("name=\"file\"; filename=\"" + filename + "\"", content)),
                         "multipart/form-data; boundary=XyZ");
  }

  std::filesystem::path files_dir() const { return temp_.dir() / "files"; }

  store::TempDatabase temp_{"files-test"};
  FakeClock clock_{kWorldStart};
  ModuleService modules_{temp_.db(), clock_};
  FileService files_{temp_.db(), clock_, modules_, temp_.dir() / "files", 4096};
  ConversationService conversations_{temp_.db(), clock_, modules_};
  Actor admin_, member_, outsider_;
  std::int64_t project_item_ = 0;
  int items_ = 0;
  int bodies_ = 0;
};

inline const std::string kPng =
    std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);

}  // namespace tandem::service
