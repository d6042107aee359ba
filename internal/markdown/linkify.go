package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// GFM's autolinks (linkify) look for a URL or an email address after every space,
// asterisk, underscore, tilde and parenthesis of every paragraph, and were a third of
// the cost of parsing a news article, which has thousands of spaces and a handful of
// links. quickLinkify asks goldmark's own linkify parser only where it can find one: the
// text after the trigger starts with http:, https:, ftp: or www., or its first word
// holds an @ within its first 65 bytes. Anywhere else goldmark's parser returns nothing
// too, so the output is the same (FuzzQuickLinkify checks it against goldmark's).
type quickLinkify struct {
	parser.InlineParser
	triggers []byte // the parser's Trigger(), which makes a new slice on every call
}

// gfm is goldmark's GFM extension with quickLinkify in place of its linkify parser.
type gfm struct{}

func (gfm) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(newQuickLinkify(extension.NewLinkifyParser()), 999),
	))
	extension.Table.Extend(m)
	extension.Strikethrough.Extend(m)
	extension.TaskList.Extend(m)
}

func newQuickLinkify(p parser.InlineParser) quickLinkify {
	return quickLinkify{InlineParser: p, triggers: p.Trigger()}
}

var linkPrefixes = [][]byte{[]byte("http:"), []byte("https:"), []byte("ftp:"), []byte("www.")}

func (q quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) > 0 && bytes.IndexByte(q.triggers, line[0]) >= 0 {
		line = line[1:]
	}
	for _, p := range linkPrefixes {
		if bytes.HasPrefix(line, p) {
			return q.InlineParser.Parse(parent, block, pc)
		}
	}
	// goldmark's email address has at most 64 bytes before its @: looking no further keeps
	// a long line without spaces from being scanned again after each of its triggers.
	if len(line) > maxLocalPart+1 {
		line = line[:maxLocalPart+1]
	}
	for _, c := range line {
		switch c {
		case '@':
			return q.InlineParser.Parse(parent, block, pc)
		case ' ', '\t', '\n', '\r':
			return nil
		}
	}
	return nil
}

// maxLocalPart is the longest part before the @ that goldmark's email autolinks allow
// (util.FindEmailIndex).
const maxLocalPart = 64
