package archive

import (
	"runtime"
	"slices"
	"sort"
	"sync"
)

// MaxRelated is how many related articles an article page lists.
const MaxRelated = 5

// scan bounds the work on a term shared by very many articles: of its list, only the scan
// newest and the scan nearest in time to the article are considered. Up to 2*scan
// articles a term, the result is exact: most shared terms, then most recent.
const scan = 128

// relate finds, for every article marked in which (all when which is nil), up to
// MaxRelated others that share the most taxonomy terms with it, the most recent first
// among equals. It runs on all cores, each worker with its own scratch scores.
func (a *Archive) relate(which []bool) {
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			s := &scores{of: make([]uint32, len(a.Articles))}
			for i := w; i < len(a.Articles); i += workers {
				if which == nil || which[i] {
					a.Related[i] = a.relatedTo(int32(i), s)
				}
			}
		})
	}
	wg.Wait()
}

// scores is one worker's scratch space: a count per article, and which are non-zero.
type scores struct {
	of      []uint32
	touched []int32
}

// relatedTo counts the terms each candidate shares with article i and keeps the best.
func (a *Archive) relatedTo(i int32, s *scores) []int32 {
	art := a.Articles[i]
	for ti, t := range a.Taxonomies {
		for _, name := range art.Terms[ti] {
			term := t.Term(name)
			if term == nil {
				continue
			}
			for _, c := range candidates(term.Articles, i) {
				if c == i {
					continue
				}
				if s.of[c] == 0 {
					s.touched = append(s.touched, c)
				}
				s.of[c]++
			}
		}
	}
	best := s.best()
	for _, c := range s.touched {
		s.of[c] = 0
	}
	s.touched = s.touched[:0]
	return best
}

// best picks the MaxRelated touched articles with the highest counts, a smaller
// position (a newer article) first among equals, in one pass.
func (s *scores) best() []int32 {
	var top []int32
	better := func(x, y int32) bool { return s.of[x] > s.of[y] || (s.of[x] == s.of[y] && x < y) }
	for _, c := range s.touched {
		if len(top) == MaxRelated && !better(c, top[MaxRelated-1]) {
			continue
		}
		at := sort.Search(len(top), func(k int) bool { return better(c, top[k]) })
		if len(top) < MaxRelated {
			top = append(top, 0)
		}
		copy(top[at+1:], top[at:len(top)-1])
		top[at] = c
	}
	return slices.Clip(top)
}

// candidates returns the part of a term's list worth scoring for article i: all of it when
// short, otherwise the newest and those nearest i in time, without repeats.
func candidates(list []int32, i int32) []int32 {
	if len(list) <= 2*scan {
		return list
	}
	at := sort.Search(len(list), func(k int) bool { return list[k] >= i })
	lo, hi := max(0, at-scan/2), min(len(list), at+scan/2)
	if lo <= scan {
		return list[:max(hi, scan)]
	}
	return append(list[:scan:scan], list[lo:hi]...)
}
