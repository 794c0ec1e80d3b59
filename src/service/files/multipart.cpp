#include "service/files/multipart.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace tandem::service {

namespace {

constexpr std::size_t kMaxPartHeaderBytes = 8 * 1024;
constexpr std::size_t kMaxPaddingBytes = 256;  // blanks allowed after a boundary, before its line break
constexpr std::size_t kMaxBoundary = 70;

Error malformed(std::string message) {
  return Error::make(ErrorCode::bad_request, "malformed multipart body: " + std::move(message));
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int hi = text[i] == '%' && i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    const int lo = hi >= 0 ? hex_value(text[i + 2]) : -1;
    if (lo >= 0) {
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// The value and its parameters of a header like `form-data; name="file"; filename="a.txt"`. Parameter
// names are lower-cased; quoted values may escape `"` and `\` with a backslash (other backslashes are
// kept, as old browsers send Windows paths unescaped). nullopt when the syntax is broken.
struct HeaderValue {
  std::string value;
  std::map<std::string, std::string> params;
};

std::optional<HeaderValue> parse_header_value(std::string_view text) {
  HeaderValue out;
  const auto semi = text.find(';');
  out.value = lower(trim(text.substr(0, semi)));
  std::string_view rest = semi == std::string_view::npos ? std::string_view{} : text.substr(semi + 1);
  while (!(rest = trim(rest)).empty()) {
    const auto eq = rest.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    std::string name = lower(trim(rest.substr(0, eq)));
    rest = trim(rest.substr(eq + 1));
    std::string value;
    if (!rest.empty() && rest.front() == '"') {
      std::size_t i = 1;
      for (; i < rest.size() && rest[i] != '"'; ++i) {
        if (rest[i] == '\\' && i + 1 < rest.size() && (rest[i + 1] == '"' || rest[i + 1] == '\\')) ++i;
        value.push_back(rest[i]);
      }
      if (i == rest.size()) return std::nullopt;  // no closing quote
      rest = trim(rest.substr(i + 1));
    } else {
      const auto end = rest.find(';');
      value = std::string(trim(rest.substr(0, end)));
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
    }
    if (name.empty()) return std::nullopt;
    out.params[std::move(name)] = std::move(value);
    if (rest.empty()) break;
    if (rest.front() != ';') return std::nullopt;
    rest.remove_prefix(1);
  }
  return out;
}

// The file name of an RFC 5987 `filename*` value (`UTF-8''name%20here`); nullopt for other charsets.
std::optional<std::string> extended_filename(std::string_view value) {
  const auto quote = value.find('\'');
  if (quote == std::string_view::npos || lower(value.substr(0, quote)) != "utf-8") return std::nullopt;
  const auto second = value.find('\'', quote + 1);
  if (second == std::string_view::npos) return std::nullopt;
  return percent_decode(value.substr(second + 1));
}

}  // namespace

Result<std::string> multipart_boundary(std::string_view content_type) {
  const auto parsed = parse_header_value(content_type);
  if (!parsed || parsed->value != "multipart/form-data")
    return Error::make(ErrorCode::unsupported_media_type,
                       "send the file as multipart/form-data with one part named file");
  const auto boundary = parsed->params.find("boundary");
  if (boundary == parsed->params.end() || boundary->second.empty() || boundary->second.size() > kMaxBoundary)
    return Error::make(ErrorCode::bad_request,
                       "the multipart/form-data Content-Type needs a boundary of 1 to 70 characters");
  return boundary->second;
}

MultipartParser::MultipartParser(std::string boundary, Callbacks callbacks)
    : delimiter_("\r\n--" + boundary), callbacks_(std::move(callbacks)), buffer_("\r\n") {}

Status MultipartParser::feed(std::string_view bytes) {
  buffer_.append(bytes);
  for (bool progressed = true; progressed;) {
    progressed = false;
    TANDEM_TRY(step(progressed));
  }
  return {};
}

Status MultipartParser::finish() {
  if (state_ != State::epilogue) return malformed("it ends before its closing boundary");
  return {};
}

Status MultipartParser::step(bool& progressed) {
  switch (state_) {
    case State::preamble:
    case State::content: {
      const bool in_part = state_ == State::content;
      const auto found = buffer_.find(delimiter_);
      if (found == std::string::npos) {
        // Everything but a possible start of the delimiter at the end is content (or ignored preamble).
        if (buffer_.size() < delimiter_.size()) return {};
        const std::size_t safe = buffer_.size() - delimiter_.size() + 1;
        if (in_part) TANDEM_TRY(callbacks_.part_data(std::string_view(buffer_).substr(0, safe)));
        buffer_.erase(0, safe);
        return {};
      }
      if (in_part && found > 0) TANDEM_TRY(callbacks_.part_data(std::string_view(buffer_).substr(0, found)));
      buffer_.erase(0, found + delimiter_.size());
      if (in_part) TANDEM_TRY(callbacks_.end_part());
      state_ = State::after_delimiter;
      progressed = true;
      return {};
    }
    case State::after_delimiter: {  // "--" closes the body; else optional blanks and a line break
      if (buffer_.size() < 2) return {};
      if (buffer_.starts_with("--")) {
        state_ = State::epilogue;
        progressed = true;
        return {};
      }
      const auto text = buffer_.find_first_not_of(" \t");
      if (text == std::string::npos) {
        if (buffer_.size() > kMaxPaddingBytes) return malformed("a boundary line is too long");
        return {};
      }
      if (buffer_[text] != '\r' || (text + 1 < buffer_.size() && buffer_[text + 1] != '\n'))
        return malformed("a boundary is followed by something other than a line break");
      if (text + 1 == buffer_.size()) return {};
      buffer_.erase(0, text + 2);
      state_ = State::headers;
      progressed = true;
      return {};
    }
    case State::headers: {  // up to the blank line; an empty block is just that line
      const std::size_t end = buffer_.starts_with("\r\n") ? 0 : buffer_.find("\r\n\r\n");
      if (end == std::string::npos && buffer_.size() <= kMaxPartHeaderBytes) return {};
      if (end == std::string::npos || end > kMaxPartHeaderBytes)
        return malformed("a part's headers are too large");
      TANDEM_TRY(parse_headers(std::string_view(buffer_).substr(0, end)));
      buffer_.erase(0, end == 0 ? 2 : end + 4);
      state_ = State::content;
      progressed = true;
      return {};
    }
    case State::epilogue:
      buffer_.clear();
      return {};
  }
  return {};
}

Status MultipartParser::parse_headers(std::string_view block) {
  PartInfo part;
  bool disposition_seen = false;
  while (!block.empty()) {
    const auto line_end = block.find("\r\n");
    const std::string_view line = block.substr(0, line_end);
    block = line_end == std::string_view::npos ? std::string_view{} : block.substr(line_end + 2);
    const auto colon = line.find(':');
    const bool token = colon != std::string_view::npos && colon > 0 &&
                       std::all_of(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(colon),
                                   [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
    if (!token) return malformed("a part header is not `Name: value`");
    const std::string name = lower(line.substr(0, colon));
    const std::string_view value = trim(line.substr(colon + 1));
    if (name == "content-type") {
      part.content_type = std::string(value);
    } else if (name == "content-disposition") {
      const auto parsed = parse_header_value(value);
      if (!parsed || parsed->value != "form-data")
        return malformed("a part's Content-Disposition is not `form-data; name=\"...\"`");
      const auto field = parsed->params.find("name");
      if (field == parsed->params.end()) return malformed("a part's Content-Disposition has no name");
      part.name = field->second;
      if (const auto star = parsed->params.find("filename*"); star != parsed->params.end())
        part.filename = extended_filename(star->second);
      if (const auto plain = parsed->params.find("filename"); !part.filename && plain != parsed->params.end())
        part.filename = plain->second;
      disposition_seen = true;
    }
  }
  if (!disposition_seen) return malformed("a part has no Content-Disposition header");
  return callbacks_.begin_part(part);
}

}  // namespace tandem::service
