package wxr

import (
	"regexp"
	"strings"
)

var (
	// comment is an HTML comment, block editor ones included.
	comment = regexp.MustCompile(`(?s)<!--.*?-->`)

	// dynamicBlock is a self-closing block comment: a block WordPress renders when the page
	// is shown (latest posts, a reusable block, a calendar), so the export has nothing of it.
	dynamicBlock = regexp.MustCompile(`^<!--\s*(wp:[a-z][a-z0-9_/-]*)[^>]*?/-->$`)

	// shortcodeTag is an opening shortcode, or [[…]], WordPress's way of writing one as text.
	// Groups: 1 "[" of an escape, 2 name, 3 attributes, 4 "]" of an escape.
	shortcodeTag = regexp.MustCompile(`\[(\[?)([A-Za-z][A-Za-z0-9_-]*)((?:[\s=][^\[\]]*)?)\](\]?)`)

	// shortcodeAttr is one name="value", name='value' or name=value.
	shortcodeAttr = regexp.MustCompile(`([A-Za-z0-9_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))`)

	// captionImage splits the inside of [caption] into its image (maybe linked) and the text.
	captionImage = regexp.MustCompile(`(?is)^\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?)(.*)$`)
)

// stripComments removes every HTML comment and returns, in order, the dynamic blocks among
// them, for Unknown.
func stripComments(s string) (string, []string) {
	var dynamic []string
	s = comment.ReplaceAllStringFunc(s, func(c string) string {
		if m := dynamicBlock.FindStringSubmatch(c); m != nil {
			dynamic = append(dynamic, "<!-- "+m[1]+" /-->")
			return note("WordPress showed the block %s here", m[1])
		}
		return ""
	})
	return s, dynamic
}

// shortcodes turns [caption] into a figure and [embed] into an embed figure, the HTML the
// block editor writes for them, so the tree step handles both forms alike. Other shortcodes
// become comment lines (the text a paired one wraps stays) and are returned, as "[name]",
// in order. [[name]] is WordPress's escape and becomes the text [name].
//
// Text in brackets is a shortcode when WordPress or a common plugin defines its name, or it
// has attributes, or a closing [/name] follows; "[sic]" and "[1]" are text.
func shortcodes(s string) (string, []string) {
	var b strings.Builder
	var unknown []string
	for {
		loc := shortcodeTag.FindStringSubmatchIndex(s)
		if loc == nil {
			b.WriteString(s)
			return b.String(), unknown
		}
		b.WriteString(s[:loc[0]])
		tag := s[loc[0]:loc[1]]
		name, attrs := s[loc[4]:loc[5]], s[loc[6]:loc[7]]
		rest := s[loc[1]:]
		escaped := loc[3] > loc[2] && loc[9] > loc[8]
		closing := "[/" + name + "]"
		closeAt := strings.Index(rest, closing)
		switch {
		case escaped:
			b.WriteString(tag[1 : len(tag)-1])
		case !knownShortcode(name) && !strings.Contains(attrs, "=") && closeAt < 0:
			b.WriteString(tag)
		case (name == "caption" || name == "wp_caption") && closeAt >= 0:
			b.WriteString(captionFigure(attrs, rest[:closeAt]))
			rest = rest[closeAt+len(closing):]
		case name == "embed" && closeAt >= 0:
			b.WriteString(embedFigure(strings.TrimSpace(rest[:closeAt])))
			rest = rest[closeAt+len(closing):]
		default:
			b.WriteString(note("unknown shortcode %s", tag))
			unknown = append(unknown, "["+name+"]")
			if closeAt >= 0 { // the text it wrapped stays; its closing tag goes
				b.WriteString(rest[:closeAt])
				rest = rest[closeAt+len(closing):]
			}
		}
		s = rest
	}
}

// captionFigure is the figure of a [caption]: its image, then its text (or, in exports from
// before WordPress 3.4, its caption attribute) as the figcaption.
func captionFigure(attrs, inner string) string {
	img, text := inner, ""
	if m := captionImage.FindStringSubmatch(inner); m != nil {
		img, text = m[1], m[2]
	}
	if strings.TrimSpace(text) == "" {
		text = attr(attrs, "caption")
	}
	return "\n\n<figure class=\"wp-caption\">" + img + "<figcaption>" + strings.TrimSpace(text) + "</figcaption></figure>\n\n"
}

// embedFigure is the block editor's embed figure for an HTML-escaped URL.
func embedFigure(url string) string {
	return "\n\n<figure class=\"wp-block-embed\"><div class=\"wp-block-embed__wrapper\">" + url + "</div></figure>\n\n"
}

// attr is the value of a shortcode attribute, or "".
func attr(attrs, name string) string {
	for _, m := range shortcodeAttr.FindAllStringSubmatch(attrs, -1) {
		if strings.EqualFold(m[1], name) {
			return m[2] + m[3] + m[4]
		}
	}
	return ""
}

// knownShortcode reports whether WordPress itself, Jetpack or another plugin found on many
// sites defines the shortcode, so that it is one even without attributes or a closing tag.
func knownShortcode(name string) bool {
	switch strings.ToLower(name) {
	case "audio", "caption", "embed", "gallery", "playlist", "video", "wp_caption", // WordPress
		"archives", "bandcamp", "code", "contact-form", "crowdsignal", "dailymotion",
		"facebook", "flickr", "gist", "googlemaps", "instagram", "latex", "pdf", "polldaddy",
		"recipe", "scribd", "slideshare", "soundcloud", "sourcecode", "spotify", "ted",
		"tweet", "twitter-timeline", "vimeo", "wpvideo", "youtube": // Jetpack, WordPress.com
		return true
	}
	return false
}
