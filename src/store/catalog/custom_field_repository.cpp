#include "store/catalog/custom_field_repository.h"

#include <nlohmann/json.hpp>

namespace tandem::store {

namespace {

#define TANDEM_FIELD_COLUMNS "id, scope, key, name, kind, choices, required, position, created_at, updated_at"

CustomFieldRow field_from_row(const Row& row) {
  CustomFieldRow field{row.int64(0), row.text(1),       row.text(2), row.text(3),  row.text(4),
                       {},           row.int64(6) != 0, row.real(7), row.int64(8), row.int64(9)};
  const auto choices = nlohmann::json::parse(row.text(5), nullptr, false);
  if (choices.is_array())
    for (const auto& choice : choices)
      if (choice.is_string()) field.choices.push_back(choice.get<std::string>());
  return field;
}

std::string choices_text(const CustomFieldRow& field) {
  return nlohmann::json(field.choices).dump();
}

}  // namespace

Result<std::vector<CustomFieldRow>> list_custom_fields(Txn& txn, std::string_view scope) {
  std::vector<CustomFieldRow> fields;
  TANDEM_TRY(txn.exec("SELECT " TANDEM_FIELD_COLUMNS
                      " FROM custom_fields WHERE scope = ? ORDER BY position, id",
                      {std::string(scope)}, [&](const Row& row) { fields.push_back(field_from_row(row)); }));
  return fields;
}

Result<std::vector<CustomFieldRow>> list_all_custom_fields(Txn& txn) {
  std::vector<CustomFieldRow> fields;
  TANDEM_TRY(txn.exec("SELECT " TANDEM_FIELD_COLUMNS " FROM custom_fields ORDER BY scope, position, id", {},
                      [&](const Row& row) { fields.push_back(field_from_row(row)); }));
  return fields;
}

Result<std::optional<CustomFieldRow>> find_custom_field(Txn& txn, std::int64_t id) {
  TANDEM_ASSIGN(const auto row,
                txn.one("SELECT " TANDEM_FIELD_COLUMNS " FROM custom_fields WHERE id = ?", {id}));
  if (!row) return std::optional<CustomFieldRow>{};
  return std::optional(field_from_row(*row));
}

Result<std::int64_t> insert_custom_field(Txn& txn, const CustomFieldRow& field) {
  auto id = txn.insert(
      "INSERT INTO custom_fields(scope, key, name, kind, choices, required, position, created_at, "
      "updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {field.scope, field.key, field.name, field.kind, choices_text(field),
       std::int64_t{field.required ? 1 : 0}, field.position, field.created_at, field.updated_at});
  if (!id.ok()) {
    Error error = std::move(id).error();
    if (error.code == ErrorCode::conflict) error.message = "a custom field with this key exists";
    return error;
  }
  return id;
}

Status update_custom_field(Txn& txn, const CustomFieldRow& field) {
  return txn.exec(
      "UPDATE custom_fields SET name = ?, choices = ?, required = ?, position = ?, updated_at = ? WHERE id = "
      "?",
      {field.name, choices_text(field), std::int64_t{field.required ? 1 : 0}, field.position,
       field.updated_at, field.id});
}

Status delete_custom_field(Txn& txn, std::int64_t id) {
  return txn.exec("DELETE FROM custom_fields WHERE id = ?", {id});
}

Result<double> next_custom_field_position(Txn& txn, std::string_view scope) {
  TANDEM_ASSIGN(const auto row,
                txn.one("SELECT COALESCE(MAX(position), 0) + 1 FROM custom_fields WHERE scope = ?",
                        {std::string(scope)}));
  return row->real(0);
}

Result<std::int64_t> clear_custom_field_values(Txn& txn, std::string_view scope, std::string_view key) {
  const std::string path = "$." + std::string(key);
  const std::string table = scope == "project" ? "projects" : "items";
  TANDEM_TRY(txn.exec("UPDATE " + table +
                          " SET custom_fields = json_remove(custom_fields, ?) "
                          "WHERE json_type(custom_fields, ?) IS NOT NULL",
                      {path, path}));
  return txn.changes();
}

}  // namespace tandem::store
