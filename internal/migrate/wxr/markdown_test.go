package wxr

import (
	"reflect"
	"testing"
)

func TestMarkdownGolden(t *testing.T) {
	for _, c := range []struct {
		name, html, md  string
		images, unknown []string
	}{
		{name: "block paragraphs lose their comments",
			html: "<!-- wp:paragraph -->\n<p>The board <em>voted</em>.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">Next</h2>\n<!-- /wp:heading -->",
			md:   "The board *voted*.\n\n## Next\n"},
		{name: "an image block with a caption is a figure",
			html: "<!-- wp:image -->\n<figure class=\"wp-block-image\"><a href=\"/u/dam.jpg\"><img src=\"/u/dam.jpg\" alt=\"The [big] dam\"/></a><figcaption>The dam | AP</figcaption></figure>\n<!-- /wp:image -->",
			md:   "![The \\[big\\] dam](/u/dam.jpg \"The dam | AP\")\n", images: []string{"/u/dam.jpg"}},
		{name: "a quote's cite is its attribution",
			html: "<!-- wp:quote --><blockquote class=\"wp-block-quote\"><p>Water is life.</p><cite>Ana Ruiz</cite></blockquote><!-- /wp:quote -->",
			md:   "> Water is life.\n> \n> — Ana Ruiz\n"},
		{name: "a pull quote is marked",
			html: "<!-- wp:pullquote --><figure class=\"wp-block-pullquote\"><blockquote><p>Never again.</p><cite>The mayor</cite></blockquote></figure><!-- /wp:pullquote -->",
			md:   "> [!pullquote]\n> \n> Never again.\n> \n> — The mayor\n"},
		{name: "an embed is its link alone on a line",
			html: "<!-- wp:embed --><figure class=\"wp-block-embed is-provider-youtube\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=abc\n</div><figcaption>The meeting</figcaption></figure><!-- /wp:embed -->",
			md:   "<https://www.youtube.com/watch?v=abc>\n\nThe meeting\n"},
		{name: "a table's cells are one line each",
			html: "<!-- wp:table --><figure class=\"wp-block-table\"><table><thead><tr><th>District</th><th>Cut</th></tr></thead><tbody><tr><td>North<br>basin</td><td>20%</td></tr></tbody></table></figure><!-- /wp:table -->",
			md:   "| District    | Cut |\n|-------------|-----|\n| North basin | 20% |\n"},
		{name: "a dynamic block is noted",
			html: "<!-- wp:paragraph --><p>See:</p><!-- /wp:paragraph -->\n<!-- wp:latest-posts {\"postsToShow\":3} /-->",
			md:   "See:\n\n[//]: # (dateline: WordPress showed the block wp:latest-posts here)\n", unknown: []string{"<!-- wp:latest-posts /-->"}},
		{name: "classic text gets paragraphs and line breaks",
			html: "It rained.\nThen it snowed.\n\nMore tomorrow.",
			md:   "It rained.  \nThen it snowed.\n\nMore tomorrow.\n"},
		{name: "a classic caption is a figure",
			html: "[caption id=\"attachment_7\" align=\"alignright\" width=\"300\"]<a href=\"/u/snow.jpg\"><img src=\"/u/snow.jpg\" alt=\"Snow\" width=\"300\" /></a> Snow on Main Street[/caption]",
			md:   "![Snow](/u/snow.jpg \"Snow on Main Street\")\n", images: []string{"/u/snow.jpg"}},
		{name: "a classic URL alone on a line is an embed",
			html: "Watch:\n\nhttps://vimeo.com/76979871\n\nThat was it.",
			md:   "Watch:\n\n<https://vimeo.com/76979871>\n\nThat was it.\n"},
		{name: "an unknown shortcode is a comment line, and what it wraps stays",
			html:    "Before.\n\n[notice type=\"warning\"]Roads closed.[/notice]\n\n[contact-form-7 id=\"12\" title=\"Tips (new)\"]",
			md:      "Before.\n\n[//]: # (dateline: unknown shortcode [notice type=\"warning\"])\n\nRoads closed.\n\n[//]: # (dateline: unknown shortcode [contact-form-7 id=\"12\" title=\"Tips \\(new\\)\"])\n",
			unknown: []string{"[notice]", "[contact-form-7]"}},
		{name: "brackets that are no shortcode stay text",
			html: "<p>He said [sic] it, see [1].</p>",
			md:   "He said \\[sic] it, see \\[1].\n"},
		{name: "an escaped shortcode is its text",
			html: "<p>Write [[gallery]] to show one.</p>",
			md:   "Write \\[gallery] to show one.\n"},
		{name: "images keep their destination as written, once each",
			html:   "<p><img src=\"https://cdn.example.net/a b.png\" alt=\"A\"> and <img src=\"https://cdn.example.net/a b.png\" alt=\"again\"></p>",
			md:     "![A](https://cdn.example.net/a%20b.png) and ![again](https://cdn.example.net/a%20b.png)\n",
			images: []string{"https://cdn.example.net/a%20b.png"}},
		{name: "a video block is its link",
			html: "<!-- wp:video --><figure class=\"wp-block-video\"><video controls src=\"https://example.com/v.mp4\"></video></figure><!-- /wp:video -->",
			md:   "<https://example.com/v.mp4>\n"},
		{name: "code keeps its text",
			html: "<!-- wp:code --><pre class=\"wp-block-code\"><code>if a &lt; b {\n\treturn\n}</code></pre><!-- /wp:code -->",
			md:   "```\nif a < b {\n\treturn\n}\n```\n"},
		{name: "nothing is nothing", html: "", md: ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			md, images, unknown, err := Markdown(c.html)
			if err != nil {
				t.Fatal(err)
			}
			if md != c.md {
				t.Errorf("got\n%q\nwant\n%q", md, c.md)
			}
			if !reflect.DeepEqual(images, c.images) && (len(images) > 0 || len(c.images) > 0) {
				t.Errorf("images %q, want %q", images, c.images)
			}
			if !reflect.DeepEqual(unknown, c.unknown) && (len(unknown) > 0 || len(c.unknown) > 0) {
				t.Errorf("unknown %q, want %q", unknown, c.unknown)
			}
		})
	}
}
