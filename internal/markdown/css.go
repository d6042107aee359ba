package markdown

import (
	"bytes"
	"fmt"
	"io"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// WriteCSS writes the stylesheet for highlighted code: the light style by default and the
// dark one inside @media (prefers-color-scheme: dark). The bytes are the same on every call.
func (c *Converter) WriteCSS(w io.Writer) error {
	f := chromahtml.New(chromaOptions()...)
	var buf bytes.Buffer
	buf.WriteString("/* Code highlighting: chroma " + lightStyle + ", and " + darkStyle + " in dark mode. */\n")
	if err := f.WriteCSS(&buf, styles.Get(lightStyle)); err != nil {
		return fmt.Errorf("markdown: css: %w", err)
	}
	buf.WriteString("@media (prefers-color-scheme: dark) {\n")
	if err := f.WriteCSS(&buf, styles.Get(darkStyle)); err != nil {
		return fmt.Errorf("markdown: css: %w", err)
	}
	buf.WriteString("}\n")
	_, err := w.Write(buf.Bytes())
	return err
}
