package wxr

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"
)

// maxElement bounds one element under <channel> (an item with its comments and meta, an
// author) and so what Read holds at once. WordPress's biggest items are posts with thousands
// of comments, a few MiB; 64 MiB leaves room for those and still stops a runaway file.
const maxElement = 64 << 20

// errTooBig is what the source returns when the element being read passes maxElement.
var errTooBig = errors.New("element over 64 MiB")

// declEncoding finds the encoding named in the XML declaration.
var declEncoding = regexp.MustCompile(`^<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']`)

// source is what the decoder reads: the file as UTF-8 with every character XML forbids gone.
//
// WordPress writes post text into CDATA as the database holds it, so exports carry the
// control characters pasted from word processors (form feeds, vertical tabs, NULs) and,
// from sites that changed charset over the years, bytes that are not UTF-8. encoding/xml
// refuses both, which would make the whole export unreadable for one invisible character,
// so source drops the control characters and turns each bad byte into U+FFFD, counting
// both (Export.Repaired). Line feeds are kept, so the decoder's line numbers are the file's.
//
// source is an io.ByteReader, so the decoder reads from it directly without a buffer of its
// own: the decoder's InputOffset is exactly what source has handed out, which is what lets
// limit stop an element at maxElement bytes.
type source struct {
	r        *bufio.Reader
	pending  [utf8.UTFMax]byte
	npending int
	next     int   // next byte of pending to hand out
	off      int64 // bytes handed out
	limit    int64 // off at which ReadByte fails with errTooBig
	repaired int
}

// newSource reads r, converted to UTF-8 when its XML declaration names another encoding.
func newSource(r io.Reader) (*source, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(1024) // a short file gives what it has; a read error shows again later
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if m := declEncoding.FindSubmatch(head); m != nil {
		label := strings.ToLower(string(m[1]))
		if label != "utf-8" && label != "utf8" && label != "us-ascii" && label != "ascii" {
			enc, err := htmlindex.Get(label)
			if err != nil {
				return nil, &Error{Line: 1, Err: fmt.Errorf("the file is in encoding %q, which Read does not know", m[1]),
					Hint: "convert the file to UTF-8 (iconv -t UTF-8) and change its <?xml encoding= to match"}
			}
			br = bufio.NewReaderSize(transform.NewReader(br, enc.NewDecoder()), 64<<10)
		}
	}
	return &source{r: br, limit: maxElement}, nil
}

// charsetReader tells the decoder that whatever encoding the declaration names, source has
// already made the text UTF-8.
func charsetReader(_ string, r io.Reader) (io.Reader, error) { return r, nil }

// bound lets at most n more bytes be read.
func (s *source) bound(n int64) { s.limit = s.off + n }

func (s *source) ReadByte() (byte, error) {
	if s.off >= s.limit {
		return 0, errTooBig
	}
	for s.next >= s.npending {
		if err := s.fill(); err != nil {
			return 0, err
		}
	}
	b := s.pending[s.next]
	s.next++
	s.off++
	return b, nil
}

// fill puts the next allowed character into pending, or nothing when it dropped one.
func (s *source) fill() error {
	s.next, s.npending = 0, 0
	b, err := s.r.ReadByte()
	if err != nil {
		return err
	}
	if b < utf8.RuneSelf {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
			s.repaired++
			return nil
		}
		s.pending[0], s.npending = b, 1
		return nil
	}
	if err := s.r.UnreadByte(); err != nil {
		return err
	}
	c, size, err := s.r.ReadRune()
	if err != nil {
		return err
	}
	switch {
	case c == utf8.RuneError && size == 1:
		s.repaired++
	case c == 0xFFFE || c == 0xFFFF:
		s.repaired++
		return nil
	}
	s.npending = utf8.EncodeRune(s.pending[:], c)
	return nil
}

// Read is there to make source an io.Reader; the decoder only calls ReadByte.
func (s *source) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		b, err := s.ReadByte()
		if err != nil {
			if n > 0 && err == io.EOF {
				return n, nil
			}
			return n, err
		}
		p[n] = b
		n++
		if s.next >= s.npending && s.r.Buffered() == 0 {
			break // hand back what there is rather than block for more
		}
	}
	return n, nil
}
