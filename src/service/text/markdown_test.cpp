#include "service/text/markdown.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

namespace tandem::service {

namespace {

std::string lower(std::string text) {
  std::ranges::transform(text, text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

}  // namespace

TEST(Markdown, RendersCommonMarkAndGithubExtensions) {
  EXPECT_EQ(render_markdown("# Title\n\nSome *em* and **strong** and `code`."),
            "<h1>Title</h1>\n<p>Some <em>em</em> and <strong>strong</strong> and <code>code</code>.</p>\n");
  EXPECT_EQ(render_markdown("- one\n- two\n\n1. first\n2. second\n"),
            "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<ol>\n<li>first</li>\n<li>second</li>\n</ol>\n");
  EXPECT_EQ(render_markdown("```cpp\nint x = 1 < 2;\n```\n"),
            "<pre><code class=\"language-cpp\">int x = 1 &lt; 2;\n</code></pre>\n");
  const std::string table = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n");
  EXPECT_NE(table.find("<table>"), std::string::npos) << table;
  EXPECT_NE(table.find("<th>a</th>"), std::string::npos) << table;
  EXPECT_NE(table.find("<td>2</td>"), std::string::npos) << table;
  EXPECT_EQ(render_markdown("~~gone~~"), "<p><del>gone</del></p>\n");
  const std::string tasks = render_markdown("- [x] done\n- [ ] todo\n");
  EXPECT_NE(tasks.find("checked=\"\""), std::string::npos) << tasks;
  EXPECT_NE(tasks.find("type=\"checkbox\""), std::string::npos) << tasks;
}

TEST(Markdown, LinksGetNofollowNoopenerNoreferrer) {
  EXPECT_EQ(render_markdown("[docs](https://example.com/a?b=1)"),
            "<p><a rel=\"nofollow noopener noreferrer\" href=\"https://example.com/a?b=1\">docs</a></p>\n");
  EXPECT_EQ(
      render_markdown("see www.example.com and <https://example.org>"),
      "<p>see <a rel=\"nofollow noopener noreferrer\" href=\"http://www.example.com\">www.example.com</a> "
      "and <a rel=\"nofollow noopener noreferrer\" "
      "href=\"https://example.org\">https://example.org</a></p>\n");
}

TEST(Markdown, DropsRawHtml) {
  for (std::string_view attack :
       {"<script>alert(1)</script>", "text <script>alert(1)</script> text", "<img src=x onerror=alert(1)>",
        "a <img src=x onerror=alert(1)> b", "<iframe src=\"https://evil.example\"></iframe>",
        "<a href=\"javascript:alert(1)\">x</a>", "<svg onload=alert(1)>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>"}) {
    const std::string html = lower(render_markdown(attack));
    EXPECT_EQ(html.find("<script"), std::string::npos) << attack << " -> " << html;
    EXPECT_EQ(html.find("<img"), std::string::npos) << attack << " -> " << html;
    EXPECT_EQ(html.find("<iframe"), std::string::npos) << attack << " -> " << html;
    EXPECT_EQ(html.find("<svg"), std::string::npos) << attack << " -> " << html;
    EXPECT_EQ(html.find("<div"), std::string::npos) << attack << " -> " << html;
    EXPECT_EQ(html.find("onerror"), std::string::npos) << attack << " -> " << html;
    EXPECT_EQ(html.find("javascript:"), std::string::npos) << attack << " -> " << html;
  }
  EXPECT_EQ(render_markdown("<script>alert(1)</script>"), "<!-- raw HTML omitted -->\n");
}

TEST(Markdown, EmptiesDangerousLinkTargets) {
  for (std::string_view attack :
       {"[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](javascript&#58;alert(1))",
        "[x](vbscript:msgbox(1))", "[x](file:///etc/passwd)", "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "<javascript:alert(1)>", "![x](javascript:alert(1))", "[x]: javascript:alert(1)\n\n[x]"}) {
    const std::string html = lower(render_markdown(attack));
    for (std::string_view scheme : {"=\"javascript:", "=\"vbscript:", "=\"file:", "=\"data:"})
      EXPECT_EQ(html.find(scheme), std::string::npos) << attack << " -> " << html;
    EXPECT_TRUE(html.find("href=\"\"") != std::string::npos || html.find("src=\"\"") != std::string::npos)
        << attack << " -> " << html;
  }
  EXPECT_EQ(render_markdown("[x](javascript:alert(1))"),
            "<p><a rel=\"nofollow noopener noreferrer\" href=\"\">x</a></p>\n");
}

TEST(Markdown, KeepsDataImagesOfRasterTypes) {
  EXPECT_EQ(render_markdown("![dot](data:image/png;base64,iVBORw0KGgo=)"),
            "<p><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\" /></p>\n");
}

TEST(Markdown, EscapesTextAndAttributes) {
  EXPECT_EQ(render_markdown("1 < 2 & \"quotes\""), "<p>1 &lt; 2 &amp; &quot;quotes&quot;</p>\n");
  const std::string html = render_markdown("[x](https://example.com/\"onmouseover=alert(1))");
  EXPECT_EQ(html.find("\"onmouseover"), std::string::npos) << html;
  EXPECT_EQ(render_markdown("Text <a href=\"https://x\">"), "<p>Text <!-- raw HTML omitted --></p>\n")
      << "a raw link is not mistaken for one cmark made";
}

}  // namespace tandem::service
