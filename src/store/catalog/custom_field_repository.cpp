#include "store/catalog/custom_field_repository.h"

#include <nlohmann/json.hpp>

namespace tandem::store {

Result<std::vector<CustomFieldRow>> list_custom_fields(Txn& txn, std::string_view scope) {
  std::vector<CustomFieldRow> fields;
  TANDEM_TRY(txn.exec(
      "SELECT id, scope, key, name, kind, choices, required, position, created_at, updated_at "
      "FROM custom_fields WHERE scope = ? ORDER BY position, id",
      {std::string(scope)}, [&](const Row& row) {
        CustomFieldRow field{row.int64(0), row.text(1),       row.text(2), row.text(3),  row.text(4),
                             {},           row.int64(6) != 0, row.real(7), row.int64(8), row.int64(9)};
        const auto choices = nlohmann::json::parse(row.text(5), nullptr, false);
        if (choices.is_array())
          for (const auto& choice : choices)
            if (choice.is_string()) field.choices.push_back(choice.get<std::string>());
        fields.push_back(std::move(field));
      }));
  return fields;
}

}  // namespace tandem::store
