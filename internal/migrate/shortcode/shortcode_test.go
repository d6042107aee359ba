package shortcode

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/net/html"
)

// goldenCase is one body, what it translates to and what it reports.
type goldenCase struct {
	name    string
	in      string
	opts    string // a testOptions name
	want    string
	unknown []Unknown
}

var goldenCases = []goldenCase{
	{
		name: "FigureBecomesImageParagraph",
		in:   "Intro.\n\n{{< figure src=\"/a.jpg\" alt=\"A dog\" caption=\"The *dog*\" attr=\"Jane Doe\" >}}\n\nAfter.\n",
		want: "Intro.\n\n![A dog](/a.jpg \"The dog | Jane Doe\")\n\nAfter.\n",
	},
	{
		name: "FigureTitleAndCaptionJoin",
		in:   "{{< figure src=\"/a.jpg\" title=\"Flood\" caption=\"Main St.\" attribution=\"AP\" >}}\n",
		want: "![Flood: Main St.](/a.jpg \"Flood: Main St. | AP\")\n",
	},
	{
		name: "FigureMidParagraphGetsItsOwnParagraph",
		in:   "Before\n{{< figure src=\"/a.jpg\" caption=\"Cap\" >}}\nAfter\n",
		want: "Before\n\n![Cap](/a.jpg \"Cap\")\n\nAfter\n",
	},
	{
		name: "FigureWithLinkIsLinkedImage",
		in:   "{{< figure src=\"/a.jpg\" caption=\"Cap\" link=\"/big.jpg\" >}}\n",
		want: "[![Cap](/a.jpg \"Cap\")](/big.jpg)\n\nCap\n",
	},
	{
		name: "FigureInsideTextStaysInline",
		in:   "See {{< figure src=\"/a.jpg\" alt=\"x\" >}} here.\n",
		want: "See ![x](/a.jpg) here.\n",
	},
	{
		name: "FigureWithoutSrcIsUnknown",
		in:   "{{< figure caption=\"none\" >}}\n",
		want: "[//]: # (dateline: unknown shortcode {{< figure caption=\"none\" >}})\n",
		unknown: []Unknown{
			{Name: "figure", Line: 1, Text: "{{< figure caption=\"none\" >}}"},
		},
	},
	{
		name: "YouTubePositional",
		in:   "{{< youtube dQw4w9WgXcQ >}}\n",
		want: "[YouTube video](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n",
	},
	{
		name: "YouTubeNamedWithTitleInParagraph",
		in:   "Watch:\n{{< youtube id=\"dQw4w9WgXcQ\" title=\"The [best] clip\" >}}\nThen read.\n",
		want: "Watch:\n\n[The \\[best\\] clip](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n\nThen read.\n",
	},
	{
		name: "Vimeo",
		in:   "{{< vimeo 146022717 >}}\n",
		want: "[Vimeo video](https://vimeo.com/146022717)\n",
	},
	{
		name: "VimeoBadIDIsUnknown",
		in:   "{{< vimeo \"not an id\" >}}\n",
		want: "[//]: # (dateline: unknown shortcode {{< vimeo \"not an id\" >}})\n",
		unknown: []Unknown{
			{Name: "vimeo", Line: 1, Text: "{{< vimeo \"not an id\" >}}"},
		},
	},
	{
		name: "GistAndTweets",
		in:   "{{< gist spf13 7896402 >}}\n\n{{< tweet user=\"jack\" id=\"20\" >}}\n\n{{< tweet 20 >}}\n",
		want: "[Gist](https://gist.github.com/spf13/7896402)\n\n[Tweet](https://twitter.com/jack/status/20)\n\n[Tweet](https://twitter.com/i/status/20)\n",
	},
	{
		name: "HugoHighlightBecomesFence",
		in:   "{{< highlight go \"linenos=table\" >}}\nfunc main() {\n\tfmt.Println(\"{{< x >}}\")\n}\n{{< /highlight >}}\n",
		want: "```go {linenos=table}\nfunc main() {\n\tfmt.Println(\"{{< x >}}\")\n}\n```\n",
	},
	{
		name: "LiquidHighlightBecomesFence",
		in:   "{% highlight ruby linenos %}\nputs \"{% raw %}\"\n{% endhighlight %}\n",
		want: "```ruby {linenos=table}\nputs \"{% raw %}\"\n```\n",
	},
	{
		name: "HighlightInsideTextBecomesCodeSpan",
		in:   "Call {{< highlight go >}}f(`x`){{< /highlight >}} now.\n",
		want: "Call ``f(`x`)`` now.\n",
	},
	{
		name: "RefsResolve",
		in:   "See {{< ref \"posts/a.md\" >}}, {{< relref path=\"posts/a.md#part\" >}}, {% link posts/a.md %} and {% post_url 2019-01-30-foo %}.\n",
		opts: "resolve",
		want: "See /2019/01/30/a/, /2019/01/30/a/#part, /2019/01/30/a/ and /2019/01/30/a/.\n",
	},
	{
		name: "UnresolvedRefReportedAndKeptAsWritten",
		in:   "See [it]({{< ref \"missing.md\" >}}) and {% post_url 2020-01-01-gone %}.\n",
		opts: "resolve",
		want: "See [it](missing.md) and 2020-01-01-gone.\n",
		unknown: []Unknown{
			{Name: "ref", Line: 1, Text: "{{< ref \"missing.md\" >}}", Target: "missing.md"},
			{Name: "post_url", Line: 1, Text: "{% post_url 2020-01-01-gone %}", Target: "2020-01-01-gone"},
		},
	},
	{
		name: "RefWithoutResolve",
		in:   "See {{< relref \"posts/a.md\" >}}.\n",
		want: "See posts/a.md.\n",
		unknown: []Unknown{
			{Name: "relref", Line: 1, Text: "{{< relref \"posts/a.md\" >}}", Target: "posts/a.md"},
		},
	},
	{
		name: "SiteURLOutputs",
		in:   "![a]({{ site.baseurl }}/img.png) {{ site.url }}{{ site.baseurl }}/x {{ \"/y\" | relative_url }} {{ \"/z\" | absolute_url }} {{ \"q\" | url }}\n",
		opts: "site",
		want: "![a](https://example.com/img.png) https://example.com/x https://example.com/y https://example.com/z https://example.com/q\n",
	},
	{
		name: "SiteURLEmptyIsRootRelative",
		in:   "![a]({{ site.baseurl }}/img.png) [home]({{ site.url }}) {{ \"/y\" | relative_url }}\n",
		want: "![a](/img.png) [home](/) /y\n",
	},
	{
		name: "RawIsLiteral",
		in:   "Use {% raw %}{{ page.title }} and {% if %}{% endraw %} in templates.\n",
		want: "Use {{ page.title }} and {% if %} in templates.\n",
	},
	{
		name: "RawInCodeSpanIsLiteral",
		in:   "Use `{% raw %}{{ page.title }}{% endraw %}`.\n",
		want: "Use `{{ page.title }}`.\n",
	},
	{
		name: "CommentDropped",
		in:   "a {% comment %} gone {% endcomment %} b\n\n{% comment %}\nWhole\nblock\n{% endcomment %}\nc\n",
		want: "a b\n\n\nc\n",
	},
	{
		name: "KramdownAttributeListsDropped",
		in:   "## Heading {: #id .cls}\n\nText\n{: .lead}\n\nNext\n",
		want: "## Heading\n\nText\n\n\nNext\n",
	},
	{
		name: "MarkdownShortcodeKeepsInner",
		in:   "{{% md %}}\n**bold** {{< ref \"posts/a.md\" >}}\n{{% /md %}}\n",
		opts: "resolve",
		want: "\n**bold** /2019/01/30/a/\n\n",
	},
	{
		name: "UnknownInlineNotedAfterParagraph",
		in:   "Some text {{< unknownx arg >}} inline.\nSecond line.\n\nNext.\n",
		want: "Some text inline.\nSecond line.\n\n[//]: # (dateline: unknown shortcode {{< unknownx arg >}})\n\nNext.\n",
		unknown: []Unknown{
			{Name: "unknownx", Line: 1, Text: "{{< unknownx arg >}}"},
		},
	},
	{
		name: "UnknownAloneOnLineBecomesCommentLine",
		in:   "line one\n{{< notice warning >}}\nline three\n",
		want: "line one\n\n[//]: # (dateline: unknown shortcode {{< notice warning >}})\nline three\n",
		unknown: []Unknown{
			{Name: "notice", Line: 2, Text: "{{< notice warning >}}"},
		},
	},
	{
		name: "PairedUnknownKeepsInner",
		in:   "{{< callout >}}\nInner **text**.\n{{< /callout >}}\n",
		want: "[//]: # (dateline: unknown shortcode {{< callout >}})\nInner **text**.\n\n[//]: # (dateline: unknown shortcode {{< /callout >}})\n",
		unknown: []Unknown{
			{Name: "callout", Line: 1, Text: "{{< callout >}}"},
		},
	},
	{
		name: "UnknownInBlockQuote",
		in:   "> quoted {{< zzz >}}\n> more\n\nafter\n",
		want: "> quoted\n> more\n>\n> [//]: # (dateline: unknown shortcode {{< zzz >}})\n\nafter\n",
		unknown: []Unknown{
			{Name: "zzz", Line: 1, Text: "{{< zzz >}}"},
		},
	},
	{
		name: "UnknownInListItem",
		in:   "- item {{< zzz >}}\n  cont\n- two\n",
		want: "- item\n  cont\n\n  [//]: # (dateline: unknown shortcode {{< zzz >}})\n\n- two\n",
		unknown: []Unknown{
			{Name: "zzz", Line: 1, Text: "{{< zzz >}}"},
		},
	},
	{
		name: "UnknownAloneInListItemStaysInItem",
		in:   "* {{< x >}}\n* b\n",
		want: "* [//]: # (dateline: unknown shortcode {{< x >}})\n* b\n",
		unknown: []Unknown{
			{Name: "x", Line: 1, Text: "{{< x >}}"},
		},
	},
	{
		name: "FigureFirstInListItem",
		in:   "- {{< figure src=\"/a.jpg\" caption=\"Cap\" >}}\n  more\n- b\n",
		want: "- ![Cap](/a.jpg \"Cap\")\n\n  more\n- b\n",
	},
	{
		name: "HighlightInOrderedListItem",
		in:   "1. {{< highlight go >}}\n   x\n   {{< /highlight >}}\n2. two\n",
		want: "1. ```go\n   x\n   ```\n2. two\n",
	},
	{
		name: "UnknownInNestedQuoteList",
		in:   "> - a {{< zzz >}}\n>   b\n> - c\n",
		want: "> - a\n>   b\n>\n>   [//]: # (dateline: unknown shortcode {{< zzz >}})\n>\n> - c\n",
		unknown: []Unknown{
			{Name: "zzz", Line: 1, Text: "{{< zzz >}}"},
		},
	},
	{
		name: "UnknownOnLazyLineStaysInQuote",
		in:   "> a\n{{< lazy >}}\nb\n",
		want: "> a\n>\n> [//]: # (dateline: unknown shortcode {{< lazy >}})\nb\n",
		unknown: []Unknown{
			{Name: "lazy", Line: 2, Text: "{{< lazy >}}"},
		},
	},
	{
		name: "UnknownOnIndentedLineMakesNoCodeBlock",
		in:   "para\n      {{< y >}}\nmore\n",
		want: "para\n\n[//]: # (dateline: unknown shortcode {{< y >}})\nmore\n",
		unknown: []Unknown{
			{Name: "y", Line: 2, Text: "{{< y >}}"},
		},
	},
	{
		name: "FigureInBlockQuote",
		in:   "> Before\n> {{< figure src=\"/a.jpg\" caption=\"Cap\" >}}\n> After\n",
		want: "> Before\n>\n> ![Cap](/a.jpg \"Cap\")\n>\n> After\n",
	},
	{
		name: "HighlightInBlockQuote",
		in:   "> {{< highlight go >}}\n> x := 1\n> {{< /highlight >}}\n",
		want: "> ```go\n> x := 1\n> ```\n",
	},
	{
		name: "HighlightWithLazyLinesStaysInQuote",
		in:   "> a\n> {{< highlight go >}}\nx := 1\n{{< /highlight >}}\nb\n",
		want: "> a\n> ```go\n> x := 1\n> ```\nb\n",
	},
	{
		name: "HighlightInListItem",
		in:   "- step:\n\n  {% highlight sh %}\n  make\n  {% endhighlight %}\n",
		want: "- step:\n\n  ```sh\n  make\n  ```\n",
	},
	{
		name: "UnknownInHeadingNotedAfter",
		in:   "# Title {{< zz >}}\npara\n",
		want: "# Title\n\n[//]: # (dateline: unknown shortcode {{< zz >}})\n\npara\n",
		unknown: []Unknown{
			{Name: "zz", Line: 1, Text: "{{< zz >}}"},
		},
	},
	{
		name: "NoteAfterHeadingKeepsIndentedCodeCode",
		in:   "# Title {{< zz >}}\n    code {{< kept >}}\n",
		want: "# Title\n\n[//]: # (dateline: unknown shortcode {{< zz >}})\n\n    code {{< kept >}}\n",
		unknown: []Unknown{
			{Name: "zz", Line: 1, Text: "{{< zz >}}"},
		},
	},
	{
		name: "UnknownInTableNotedAfterTable",
		in:   "| a | b |\n|---|---|\n| {{< zz >}} | {{ site.url }} |\n",
		opts: "site",
		want: "| a | b |\n|---|---|\n| | https://example.com |\n\n[//]: # (dateline: unknown shortcode {{< zz >}})\n",
		unknown: []Unknown{
			{Name: "zz", Line: 3, Text: "{{< zz >}}"},
		},
	},
	{
		name: "LiquidUnknowns",
		in:   "{% include foo.html %}\n{{ page.title }}\n{% if x %}yes{% endif %}\n",
		want: "[//]: # (dateline: unknown tag {% include foo.html %})\n[//]: # (dateline: unknown output {{ page.title }})\nyes\n\n[//]: # (dateline: unknown tag {% if x %})\n[//]: # (dateline: unknown tag {% endif %})\n",
		unknown: []Unknown{
			{Name: "include", Line: 1, Text: "{% include foo.html %}"},
			{Name: "page.title", Line: 2, Text: "{{ page.title }}"},
			{Name: "if", Line: 3, Text: "{% if x %}"},
		},
	},
	{
		name: "StrayClosingTags",
		in:   "{{< /stray >}}\n{% endfoo %}\n",
		want: "[//]: # (dateline: unknown shortcode {{< /stray >}})\n[//]: # (dateline: unknown tag {% endfoo %})\n",
		unknown: []Unknown{
			{Name: "/stray", Line: 1, Text: "{{< /stray >}}"},
			{Name: "endfoo", Line: 2, Text: "{% endfoo %}"},
		},
	},
	{
		name: "UnterminatedShortcode",
		in:   "Unclosed {{< foo bar\nnext line\n",
		want: "Unclosed\nnext line\n\n[//]: # (dateline: unterminated shortcode {{< foo bar)\n",
		unknown: []Unknown{
			{Name: "foo", Line: 1, Text: "{{< foo bar"},
		},
	},
	{
		name: "CodeLeftAlone",
		in:   "Code `{{< zzz >}}` and:\n\n```\n{{< figure src=\"x\" >}}\n{% tag %}\n```\n\n    {{< indented >}}\n\n~~~liquid\n{{ page.title }}\n~~~\n",
		want: "Code `{{< zzz >}}` and:\n\n```\n{{< figure src=\"x\" >}}\n{% tag %}\n```\n\n    {{< indented >}}\n\n~~~liquid\n{{ page.title }}\n~~~\n",
	},
	{
		name: "EscapeOutsideCodeBecomesCodeSpan",
		in:   "Write {{</* figure src=\"x\" */>}} or {{%/* md */%}}.\n",
		want: "Write `{{< figure src=\"x\" >}}` or `{{% md %}}`.\n",
	},
	{
		name: "EscapeInCodeIsLiteral",
		in:   "Inline `{{</* y */>}}`.\n\n```\n{{</* figure src=\"x\" */>}}\n```\n",
		want: "Inline `{{< y >}}`.\n\n```\n{{< figure src=\"x\" >}}\n```\n",
	},
	{
		name: "EscapeBesideLoneBacktick",
		in:   "Tick ` here {{</* x */>}} there.\n",
		want: "Tick ` here ``{{< x >}}`` there.\n",
	},
	{
		name: "CustomInline",
		in:   "Press {{< btn \"Go\" \"/go\" >}} now.\n",
		opts: "custom",
		want: "Press [Go](/go) now.\n",
	},
	{
		name: "CustomPairedGetsTranslatedInner",
		in:   "{{< notice >}}\nRead {{< ref \"posts/a.md\" >}} {{< zzz >}}\n{{< /notice >}}\n\nAfter\n",
		opts: "custom",
		want: "> **Note:** \nRead /2019/01/30/a/\n\n[//]: # (dateline: unknown shortcode {{< zzz >}})\n\nAfter\n",
		unknown: []Unknown{
			{Name: "zzz", Line: 2, Text: "{{< zzz >}}"},
		},
	},
	{
		name: "CustomInBlockQuoteKeepsLinesInQuote",
		in:   "> {{< notice >}}\n> Text {{< zzz >}}\n> {{< /notice >}}\n",
		opts: "custom",
		want: "> > **Note:** \n> Text\n> \n> [//]: # (dateline: unknown shortcode {{< zzz >}})\n",
		unknown: []Unknown{
			{Name: "zzz", Line: 2, Text: "{{< zzz >}}"},
		},
	},
	{
		name:    "UnknownOutputOfAStringKeepsTheStringInItsSentence",
		in:      "_{{ \"moncef\" | team_link }} helped._\n",
		want:    "_moncef helped._\n\n[//]: # (dateline: unknown output {{ \"moncef\" | team_link }})\n",
		unknown: []Unknown{{Name: "team_link", Line: 1, Text: `{{ "moncef" | team_link }}`}},
	},
	{
		name: "CustomWinsOverBuiltin",
		in:   "{{< youtube abc >}}\n",
		opts: "custom",
		want: "<video abc>\n",
	},
	{
		name: "CustomForLiquidOutputAndTag",
		in:   "By {{ \"noah\" | team_link }} in {% include card.html title=\"T\" %}\n",
		opts: "custom",
		want: "By [noah](/team/noah/) in include: card.html (T)\n",
	},
	{
		name: "CustomHighlightGetsBodyAsWritten",
		in:   "{% highlight go %}\n{{< x >}}\n{% endhighlight %}\n",
		opts: "customhl",
		want: "<go>\n{{< x >}}\n</>\n",
	},
	{
		name: "CustomDoesNotOverrideRaw",
		in:   "{% raw %}{{< x >}}{% endraw %}\n",
		opts: "customraw",
		want: "{{< x >}}\n",
	},
	{
		name: "CRLF",
		in:   "a\r\n\r\n{{< zzz >}}\r\nb {{< ref \"posts/a.md\" >}}\r\n",
		opts: "resolve",
		want: "a\r\n\r\n[//]: # (dateline: unknown shortcode {{< zzz >}})\r\nb /2019/01/30/a/\r\n",
		unknown: []Unknown{
			{Name: "zzz", Line: 3, Text: "{{< zzz >}}"},
		},
	},
	{
		name: "HugoOnlyLeavesLiquid",
		in:   "{% include x %} {{ page.title }} {{< zzz >}}\n",
		opts: "hugo",
		want: "{% include x %} {{ page.title }}\n\n[//]: # (dateline: unknown shortcode {{< zzz >}})\n",
		unknown: []Unknown{
			{Name: "zzz", Line: 1, Text: "{{< zzz >}}"},
		},
	},
	{
		name: "LiquidOnlyReadsShortcodeAsOutput",
		in:   "{{< zzz >}} {% include x %}\n",
		opts: "liquid",
		want: "\n[//]: # (dateline: unknown output {{< zzz >}})\n[//]: # (dateline: unknown tag {% include x %})\n",
		unknown: []Unknown{
			{Name: "< zzz >", Line: 1, Text: "{{< zzz >}}"},
			{Name: "include", Line: 1, Text: "{% include x %}"},
		},
	},
	{
		name: "NoBraceUnchanged",
		in:   "Plain *text*\r\nwith no braces.\n",
		want: "Plain *text*\r\nwith no braces.\n",
	},
	{
		name: "DelimitersNotGluedByRemoval",
		in:   "{{{< zzz >}}% x and {{{< zzz >}}{ y\n",
		opts: "hugo",
		want: "{ % x and { { y\n\n[//]: # (dateline: unknown shortcode {{< zzz >}})\n[//]: # (dateline: unknown shortcode {{< zzz >}})\n",
		unknown: []Unknown{
			{Name: "zzz", Line: 1, Text: "{{< zzz >}}"},
			{Name: "zzz", Line: 1, Text: "{{< zzz >}}"},
		},
	},
}

func TestTranslateGolden(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			got, unknown, err := Translate([]byte(c.in), testOptions(c.opts))
			if err != nil {
				t.Fatalf("Translate: %v", err)
			}
			if string(got) != c.want {
				t.Errorf("output:\n got %q\nwant %q", got, c.want)
			}
			if !slices.Equal(unknown, c.unknown) {
				t.Errorf("unknown:\n got %+v\nwant %+v", unknown, c.unknown)
			}
		})
	}
}

func TestCustomTemplateThatDoesNotParseIsAnError(t *testing.T) {
	opts := Options{Custom: map[string]string{"good": "{{.Name}}", "notice": "{{.Inner"}}
	out, _, err := Translate([]byte("no shortcode here"), opts)
	if err == nil {
		t.Fatalf("Translate returned %q and no error", out)
	}
	if !strings.Contains(err.Error(), `"notice"`) {
		t.Errorf("error %q does not name the template", err)
	}
}

func TestCustomTemplateThatFailsLeavesShortcodeUnknown(t *testing.T) {
	opts := Options{Custom: map[string]string{"notice": "{{index .Args 5}}"}}
	out, unknown, err := Translate([]byte("{{< notice >}}\nInner {{< zzz >}}\n{{< /notice >}}\n"), opts)
	if err != nil {
		t.Fatal(err)
	}
	want := "[//]: # (dateline: unknown shortcode {{< notice >}})\nInner\n\n" +
		"[//]: # (dateline: unknown shortcode {{< /notice >}})\n" +
		"[//]: # (dateline: unknown shortcode {{< zzz >}})\n"
	if string(out) != want {
		t.Errorf("output:\n got %q\nwant %q", out, want)
	}
	if names := unknownNames(unknown); !slices.Equal(names, []string{"notice", "zzz"}) {
		t.Errorf("unknown names %q, want notice and zzz, each once", names)
	}
}

func unknownNames(us []Unknown) []string {
	var names []string
	for _, u := range us {
		names = append(names, u.Name)
	}
	return names
}

// messyBodies are bodies whose translation must show readers no template syntax.
var messyBodies = []string{
	"{{< notice >}} text {{% md %}} and {% include x %}\n> {{< a >}}\n> - {{< b c=\"d\" >}}\n",
	"para\n   {{< x >}}\n      {{< y >}}\n",
	"> a\n{{< lazy >}}\n\n- x\n{{< lazy2 >}}\n",
	"| a | b |\n|---|---|\n| {{< zz >}} | {% t %} |\n{{< after >}}\n",
	"# {{< h >}}\n{{< under >}}\n---\n",
	"<div>\n{{< in_html >}}\n</div>\n\n{{< x\n",
	"[a]: {{< ref \"nowhere\" >}}\n{{< def_line >}}\n",
	"text {{< figure src=\"a.png\" caption=\"{% x %}\" >}} {{< youtube id=\"{{x}}\" >}}\n",
	"{{< notice >}}\n\n{{< inner >}}\n\n{{< /notice >}} {% endif %} {{< /x >}}\n",
	"{{ page.title | markdownify }} {{ \"x\" | prepend: site.url }} {% for x in y %}{{ x }}{% endfor %}\n",
	"`a` {{< x `b` >}} `c {{< y >}}\n",
	"1. {{< a >}}\n\n   {{< b >}}\n2. {{< c >}}\n",
	"{{{< x >}}{% y %}}{{< z >}}%\n",
	"Setext\n{{< x >}}\n===\n",
	"* * *\n{{< x >}}\n    code {{< y >}}\n",
	"{{< highlight go >}}\nno close\n\n{% highlight %}\n{{< /highlight >}}\n",
}

func TestTranslatedOutputShowsReadersNoTemplateSyntax(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	for _, body := range messyBodies {
		out, _, err := Translate([]byte(body), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var page bytes.Buffer
		if err := md.Convert(out, &page); err != nil {
			t.Fatal(err)
		}
		if d := shownDelimiter(page.String()); d != "" {
			t.Errorf("%q\ntranslates to %q\nwhich shows %q in %q", body, out, d, page.String())
		}
	}
}

// shownDelimiter returns the first template delimiter in the text of an HTML page outside
// code and pre elements, or "".
func shownDelimiter(page string) string {
	text := visibleText(page)
	for _, d := range []string{"{{<", "{{%", "{%"} {
		if strings.Contains(text, d) {
			return d
		}
	}
	return ""
}

// visibleText returns the text of an HTML fragment outside code and pre elements, with
// the attribute values of elements outside them (a title, an alt text) as text too.
func visibleText(page string) string {
	z := html.NewTokenizer(strings.NewReader(page))
	var b strings.Builder
	depth := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			if !errors.Is(z.Err(), io.EOF) {
				b.WriteString(" [bad html] ")
			}
			return b.String()
		case html.TextToken:
			if depth == 0 {
				b.Write(z.Text())
				b.WriteByte('\n')
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			if tt := string(name); tt == "code" || tt == "pre" {
				depth++
			}
			for more && depth == 0 {
				var val []byte
				_, val, more = z.TagAttr()
				b.Write(val)
				b.WriteByte('\n')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if tt := string(name); (tt == "code" || tt == "pre") && depth > 0 {
				depth--
			}
		}
	}
}

func TestInputWithoutBraceComesBackUnchanged(t *testing.T) {
	for _, body := range []string{"", "plain\r\ntext *with* `code`\n", "    indented\n> quote %} >}}\n"} {
		out, unknown, err := Translate([]byte(body), Options{Custom: map[string]string{"x": "y"}})
		if err != nil || string(out) != body || unknown != nil {
			t.Errorf("Translate(%q) = %q, %v, %v", body, out, unknown, err)
		}
	}
}

func TestTranslateIsDeterministic(t *testing.T) {
	for _, c := range goldenCases {
		first, u1, _ := Translate([]byte(c.in), testOptions(c.opts))
		for range 3 {
			again, u2, _ := Translate([]byte(c.in), testOptions(c.opts))
			if !bytes.Equal(first, again) || !slices.Equal(u1, u2) {
				t.Fatalf("%s: two translations differ: %q and %q", c.name, first, again)
			}
		}
	}
}

func TestShownDelimiterSeesTextAndTitlesButNotCode(t *testing.T) {
	for page, want := range map[string]string{
		"<p>a {{< x >}}</p>":                             "{{<",
		`<p><img src="a" alt="{% y %}"></p>`:             "{%",
		"<p><code>{{< x >}}</code> {{% y</p>":            "{{%",
		"<pre><code>{{< x >}}\n{% y %}</code></pre>":     "",
		`<pre><code class="language-{%x">a</code></pre>`: "",
	} {
		if got := shownDelimiter(page); got != want {
			t.Errorf("shownDelimiter(%q) = %q, want %q", page, got, want)
		}
	}
}
