// The text substitutions of case files: ${NAME} variables, {{TEXT*N}} repeats and RAW byte escapes.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tandem::api_test {

using Variables = std::map<std::string, std::string>;

/// Thrown by expand_variables for a ${NAME} that has no value.
class UndefinedVariable : public std::runtime_error {
 public:
  explicit UndefinedVariable(std::string name)
      : std::runtime_error("${" + name + "} is not defined"), name_(std::move(name)) {}
  const std::string& name() const { return name_; }

 private:
  std::string name_;
};

/// Replaces each ${NAME} (NAME: letters, digits, '_') by its value; throws UndefinedVariable for an unknown
/// NAME.
std::string expand_variables(std::string_view text, const Variables& variables);

/// Replaces each {{TEXT*N}} by N copies of TEXT (N: decimal digits); other {{...}} stay as they are.
std::string expand_repeats(std::string_view text);

/// Decodes \r \n \t \\ \xHH in a RAW line; throws std::invalid_argument for any other escape.
std::string decode_escapes(std::string_view text);

/// Shows `bytes` with unprintable bytes written as the escapes decode_escapes reads, breaking lines after \n.
std::string escape_bytes(std::string_view bytes);

}  // namespace tandem::api_test
