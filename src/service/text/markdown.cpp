#include "service/text/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <mutex>

namespace tandem::service {

namespace {

constexpr int kOptions = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8;
constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tasklist"};
constexpr std::string_view kLinkStart = "<a href=\"";
constexpr std::string_view kSafeLinkStart = "<a rel=\"nofollow noopener noreferrer\" href=\"";

struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};

}  // namespace

std::string render_markdown(std::string_view markdown) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });

  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(kOptions));
  for (const char* name : kExtensions)
    if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser.get(), extension);
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> document(cmark_parser_finish(parser.get()));
  char* rendered =
      cmark_render_html(document.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get()));
  std::string html(rendered);
  std::free(rendered);

  // With raw HTML dropped, every "<a href=" in the output is a link cmark made itself (text is escaped).
  for (auto at = html.find(kLinkStart); at != std::string::npos;
       at = html.find(kLinkStart, at + kSafeLinkStart.size()))
    html.replace(at, kLinkStart.size(), kSafeLinkStart);
  return html;
}

}  // namespace tandem::service
