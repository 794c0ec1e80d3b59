#include "service/catalog/custom_field_values.h"

#include <gtest/gtest.h>

#include "store/catalog/custom_field_repository.h"
#include "store/temp_database.h"

namespace tandem::service {

namespace {

using nlohmann::json;

class CustomFieldValuesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    define("item", "note", "text");
    define("item", "cost", "number");
    define("item", "due", "date");
    define("item", "tier", "choice", {"gold", "silver"});
    define("item", "labels", "multi_choice", {"red", "green", "blue"});
    define("item", "urgent", "checkbox");
    define("item", "owner", "user");
    define("project", "budget", "number", {}, /*required=*/true);
    ASSERT_TRUE(temp_.db()
                    .write([](store::Txn& txn) {
                      return txn.exec(
                          "INSERT INTO users(id, email, name, role, password_hash, created_at, updated_at) "
                          "VALUES (7, 'u@example.com', 'U', 'agent', 'x', 0, 0)",
                          {});
                    })
                    .ok());
  }

  void define(std::string scope, std::string key, std::string kind, std::vector<std::string> choices = {},
              bool required = false) {
    store::CustomFieldRow field{
        0, std::move(scope), key, key, std::move(kind), std::move(choices), required, 0, 0, 0};
    ASSERT_TRUE(temp_.db()
                    .write([&](store::Txn& txn) { return status_of(store::insert_custom_field(txn, field)); })
                    .ok());
  }

  Result<json> merge(std::string_view scope, const json& existing, const json& changes,
                     bool require_all = false) {
    std::optional<Result<json>> result;
    const Status status = temp_.db().read([&](store::Txn& txn) -> Status {
      result.emplace(merge_custom_field_values(txn, scope, existing, changes, require_all));
      return {};
    });
    EXPECT_TRUE(status.ok());
    return std::move(*result);
  }

  // The details.field of a failed merge of `changes` into an empty item object ("" when it succeeded).
  std::string failing_field(const json& changes) {
    auto result = merge("item", json::object(), changes);
    if (result.ok()) return "";
    EXPECT_EQ(result.error().code, ErrorCode::validation_failed);
    return result.error().details.at("field");
  }

  store::TempDatabase temp_{"custom-field-values-test"};
};

}  // namespace

TEST_F(CustomFieldValuesTest, AcceptsAValueOfEveryKind) {
  const json changes = {{"note", "hello"},
                        {"cost", 12.5},
                        {"due", "2026-02-28"},
                        {"tier", "gold"},
                        {"urgent", true},
                        {"owner", 7},
                        {"labels", json::array({"red", "blue"})}};
  auto merged = merge("item", json::object(), changes);
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  EXPECT_EQ(merged.value(), changes);
}

TEST_F(CustomFieldValuesTest, RejectsAWrongValueOfEveryKind) {
  EXPECT_EQ(failing_field({{"note", 5}}), "custom_fields.note");
  EXPECT_EQ(failing_field({{"note", std::string(10001, 'x')}}), "custom_fields.note");
  EXPECT_EQ(failing_field({{"cost", "12"}}), "custom_fields.cost");
  EXPECT_EQ(failing_field({{"due", "2026-02-30"}}), "custom_fields.due");
  EXPECT_EQ(failing_field({{"due", 20260228}}), "custom_fields.due");
  EXPECT_EQ(failing_field({{"tier", "bronze"}}), "custom_fields.tier");
  EXPECT_EQ(failing_field({{"tier", json::array({"gold"})}}), "custom_fields.tier");
  EXPECT_EQ(failing_field({{"labels", "red"}}), "custom_fields.labels");
  EXPECT_EQ(failing_field({{"labels", json::array({"red", "pink"})}}), "custom_fields.labels");
  EXPECT_EQ(failing_field({{"urgent", "yes"}}), "custom_fields.urgent");
  EXPECT_EQ(failing_field({{"urgent", 1}}), "custom_fields.urgent");
  EXPECT_EQ(failing_field({{"owner", 8}}), "custom_fields.owner");
  EXPECT_EQ(failing_field({{"owner", "7"}}), "custom_fields.owner");
}

TEST_F(CustomFieldValuesTest, MultiChoiceKeepsEachChoiceOnceInTheGivenOrder) {
  auto merged = merge("item", json::object(), {{"labels", json::array({"blue", "red", "blue"})}});
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged.value(), json({{"labels", json::array({"blue", "red"})}}));
}

TEST_F(CustomFieldValuesTest, UnknownKeysAndKeysOfTheOtherScopeAreRejected) {
  EXPECT_EQ(failing_field({{"colour", "red"}}), "custom_fields.colour");
  EXPECT_EQ(failing_field({{"budget", 100}}), "custom_fields.budget");
  auto project = merge("project", json::object(), {{"note", "x"}, {"budget", 1}});
  ASSERT_FALSE(project.ok());
  EXPECT_EQ(project.error().details.at("field"), "custom_fields.note");
}

TEST_F(CustomFieldValuesTest, ChangesMustBeAnObject) {
  auto merged = merge("item", json::object(), json::array({"note"}));
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.error().details.at("field"), "custom_fields");
}

TEST_F(CustomFieldValuesTest, MergesIntoExistingValuesAndNullClearsOne) {
  const json existing = {{"note", "keep"}, {"cost", 3}, {"tier", "silver"}};
  auto merged = merge("item", existing, {{"cost", nullptr}, {"tier", "gold"}});
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged.value(), json({{"note", "keep"}, {"tier", "gold"}}));
  auto unchanged = merge("item", existing, json::object());
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged.value(), existing);
}

TEST_F(CustomFieldValuesTest, ClearingAValueThatIsNotThereIsFine) {
  auto merged = merge("item", json::object(), {{"note", nullptr}});
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged.value(), json::object());
}

TEST_F(CustomFieldValuesTest, RequiredFieldsMustEndUpWithAValueWhenAllAreRequired) {
  auto missing = merge("project", json::object(), json::object(), /*require_all=*/true);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(missing.error().details.at("field"), "custom_fields.budget");

  auto cleared = merge("project", {{"budget", 5}}, {{"budget", nullptr}}, /*require_all=*/true);
  ASSERT_FALSE(cleared.ok());
  EXPECT_EQ(cleared.error().details.at("field"), "custom_fields.budget");

  auto given = merge("project", json::object(), {{"budget", 5}}, /*require_all=*/true);
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(given.value(), json({{"budget", 5}}));

  auto kept = merge("project", {{"budget", 5}}, json::object(), /*require_all=*/true);
  EXPECT_TRUE(kept.ok());
}

TEST_F(CustomFieldValuesTest, RequiredFieldsAreNotCheckedForPartialChanges) {
  auto cleared = merge("project", {{"budget", 5}}, {{"budget", nullptr}}, /*require_all=*/false);
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(cleared.value(), json::object());
}

}  // namespace tandem::service
