package store

import (
	"encoding/binary"
	"errors"
	"time"

	"dateline/internal/content"
	"dateline/internal/output"
)

// The store's records are written in a compact form of their own rather than with gob.
// Profiles of one-article edits of a 10,000-article archive showed gob taking nearly half
// of the build's CPU to read and write the store: reflection for every field, and the
// message buffers it grows by copying, which on this project's machine are page faults
// as much as copies. Written by hand, a record is appended to one reused buffer and read
// straight from the frame that holds it.
//
// Integers are varints, hashes eight bytes, strings and lists a length then their
// contents. A time is a flag byte (0 for the zero time), then Unix seconds and
// nanoseconds; it reads back in UTC, and inZone puts it in the site's time zone.
// TestCodecRoundTripsEveryField fills every field of an article, so a field added to
// content.Article and not to this file fails it.

// errDamaged is what reading a store that was not written whole, or not by this code,
// returns.
var errDamaged = errors.New("a damaged build store")

// encoder appends values to a buffer.
type encoder struct{ b []byte }

func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) u64(v uint64)     { e.b = binary.LittleEndian.AppendUint64(e.b, v) }

func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *encoder) strs(ss []string) {
	e.uvarint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

func (e *encoder) flag(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) time(t time.Time) {
	e.flag(!t.IsZero())
	if !t.IsZero() {
		e.varint(t.Unix())
		e.uvarint(uint64(t.Nanosecond()))
	}
}

func (e *encoder) pos(p content.Pos) {
	e.varint(int64(p.Line))
	e.varint(int64(p.Col))
}

func (e *encoder) version(v content.Version) {
	e.varint(v.Size)
	e.varint(v.ModTime)
}

// output writes an output record: its name, the job's signature, the hash and stamp.
func (e *encoder) output(name string, so Output) {
	e.str(name)
	e.u64(so.Sig)
	e.u64(so.Hash)
	e.varint(so.Stamp.Size)
	e.varint(so.Stamp.ModTime)
}

// article writes an article record. Its Path is the record's key; its Params are left
// out (see Article).
func (e *encoder) article(sa Article) {
	a := sa.Article
	e.str(a.Path)
	e.version(sa.Version)
	e.flag(sa.Params)
	e.strs(sa.Outputs)
	e.str(a.Title)
	e.str(a.Dek)
	e.strs(a.Authors)
	e.time(a.Date)
	e.uvarint(uint64(len(a.Terms)))
	for _, terms := range a.Terms {
		e.strs(terms)
	}
	e.str(a.Slug)
	e.str(a.URL)
	e.str(a.Page)
	e.pos(a.Lines.Slug)
	e.uvarint(uint64(len(a.Lines.Terms)))
	for _, p := range a.Lines.Terms {
		e.pos(p)
	}
	e.str(a.Excerpt)
	e.u64(a.Hash)
	e.version(a.Version)
	e.varint(int64(a.BodyLine))
	hasExtra := a.Extra != nil && a.Extra != content.NoExtra
	e.flag(hasExtra)
	if hasExtra {
		e.extra(a.Extra)
	}
}

func (e *encoder) extra(x *content.Extra) {
	e.str(x.Dateline)
	e.time(x.Updated)
	e.flag(x.Image != nil)
	if x.Image != nil {
		e.str(x.Image.Src)
		e.str(x.Image.Alt)
		e.str(x.Image.Caption)
		e.str(x.Image.Credit)
	}
	e.str(x.Summary)
	e.uvarint(uint64(len(x.Corrections)))
	for _, c := range x.Corrections {
		e.time(c.Date)
		e.str(c.Text)
	}
	e.strs(x.Aliases)
	e.flag(x.Source != nil)
	if x.Source != nil {
		e.str(x.Source.Name)
		e.str(x.Source.URL)
	}
	e.time(x.Expires)
	e.uvarint(uint64(x.RawHTML))
	e.flag(x.Draft)
	e.flag(x.Standalone)
	e.flag(x.Bundle)
	e.pos(x.ImageAt)
	e.pos(x.AliasesAt)
}

// decoder reads values from a buffer. The first value it cannot read makes it damaged:
// every later read returns a zero value, and err says so.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() {
	d.err, d.b = errDamaged, nil
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	d.took(n)
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	d.took(n)
	return v
}

// took moves past the n bytes a varint took, or fails when n says none could be read
// (the value read is then zero).
func (d *decoder) took(n int) {
	if n <= 0 {
		d.fail()
		return
	}
	d.b = d.b[n:]
}

func (d *decoder) u64() uint64 {
	if len(d.b) < 8 {
		d.fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}

// int32 reads a varint that must fit in 32 bits.
func (d *decoder) int32() int32 {
	v := d.varint()
	if int64(int32(v)) != v {
		d.fail()
		return 0
	}
	return int32(v)
}

// count reads the length of a string or list. Every byte or element takes at least a
// byte, so a length longer than what is left is damage, found before anything is made.
func (d *decoder) count() int { return d.records(1) }

// records reads the number of records of a chunk, each of which takes at least size
// bytes, so that a damaged count is found before room is made for it.
func (d *decoder) records(size int) int {
	n := d.uvarint()
	if n > uint64(len(d.b)/size) {
		d.fail()
		return 0
	}
	return int(n)
}

// The fewest bytes an article and an output record take: every field a byte or more, and
// the hashes eight.
const (
	minArticleRecord = 29
	minOutputRecord  = 19
)

func (d *decoder) str() string {
	n := d.count()
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// strs reads a list of strings; an empty one reads as nil, as gob read it.
func (d *decoder) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.str()
	}
	return ss
}

func (d *decoder) flag() bool {
	if len(d.b) == 0 || d.b[0] > 1 {
		d.fail()
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

func (d *decoder) time() time.Time {
	if !d.flag() {
		return time.Time{}
	}
	sec, nsec := d.varint(), d.uvarint()
	if nsec >= uint64(time.Second) {
		d.fail()
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).UTC()
}

func (d *decoder) pos() content.Pos {
	return content.Pos{Line: d.int32(), Col: d.int32()}
}

func (d *decoder) version() content.Version {
	return content.Version{Size: d.varint(), ModTime: d.varint()}
}

func (d *decoder) output() namedOutput {
	name := d.str()
	return namedOutput{name, Output{Sig: d.u64(), Hash: d.u64(), Stamp: output.Stamp{Size: d.varint(), ModTime: d.varint()}}}
}

// article reads an article record. An article with none of the rarer fields has a nil
// Extra, for Article.Shared to fill.
func (d *decoder) article() namedArticle {
	a := &content.Article{Path: d.str()}
	sa := Article{Version: d.version(), Article: a, Params: d.flag(), Outputs: d.strs()}
	a.Title, a.Dek, a.Authors, a.Date = d.str(), d.str(), d.strs(), d.time()
	if n := d.count(); n > 0 {
		a.Terms = make([][]string, n)
		for i := range a.Terms {
			a.Terms[i] = d.strs()
		}
	}
	a.Slug, a.URL, a.Page = d.str(), d.str(), d.str()
	a.Lines.Slug = d.pos()
	if n := d.count(); n > 0 {
		a.Lines.Terms = make([]content.Pos, n)
		for i := range a.Lines.Terms {
			a.Lines.Terms[i] = d.pos()
		}
	}
	a.Excerpt, a.Hash, a.Version, a.BodyLine = d.str(), d.u64(), d.version(), d.int32()
	if d.flag() {
		a.Extra = d.extra()
	}
	return namedArticle{a.Path, sa}
}

func (d *decoder) extra() *content.Extra {
	x := &content.Extra{Dateline: d.str(), Updated: d.time()}
	if d.flag() {
		x.Image = &content.Image{Src: d.str(), Alt: d.str(), Caption: d.str(), Credit: d.str()}
	}
	x.Summary = d.str()
	if n := d.count(); n > 0 {
		x.Corrections = make([]content.Correction, n)
		for i := range x.Corrections {
			x.Corrections[i] = content.Correction{Date: d.time(), Text: d.str()}
		}
	}
	x.Aliases = d.strs()
	if d.flag() {
		x.Source = &content.Source{Name: d.str(), URL: d.str()}
	}
	x.Expires, x.RawHTML = d.time(), int32(d.uvarint())
	x.Draft, x.Standalone, x.Bundle, x.ImageAt, x.AliasesAt = d.flag(), d.flag(), d.flag(), d.pos(), d.pos()
	return x
}
