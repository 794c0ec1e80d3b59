// Markdown to HTML for message bodies: GitHub-flavoured, and safe to insert into a page.
#pragma once

#include <string>
#include <string_view>

namespace tandem::service {

/// Renders Markdown (CommonMark + GFM tables, strikethrough, autolinks, task lists) to HTML. Safe: raw
/// HTML is dropped, javascript:/vbscript:/file:/data: links are emptied (data: images of common raster
/// types stay), every link gets rel="nofollow noopener noreferrer". Thread-safe.
std::string render_markdown(std::string_view markdown);

}  // namespace tandem::service
