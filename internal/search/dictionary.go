package search

import (
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"
)

// dictKey is the name of the dictionary file of a key: its first n characters.
func dictKey(key string, n int) string {
	i := 0
	for k := 0; k < n && i < len(key); k++ {
		_, size := utf8.DecodeRuneInString(key[i:])
		i += size
	}
	return key[:i]
}

// writeDictionary writes the dictionary files: every key, with its stem and the stem's
// document frequency, in the file of its first two characters, or of more where a file
// would hold more than splitAt keys. It returns the prefixes that were split, for the
// meta file, sorted.
func (ix *Indexer) writeDictionary(write func(string, []byte) error) ([]string, error) {
	var keys []keyStem
	for _, part := range ix.dict {
		for _, k := range part {
			if ix.dfs[k.stem] > 0 {
				keys = append(keys, k)
			}
		}
	}
	slices.SortFunc(keys, func(a, b keyStem) int { return strings.Compare(a.key, b.key) })
	var split []string
	var files func(keys []keyStem, n int) error
	files = func(keys []keyStem, n int) error {
		for len(keys) > 0 {
			p := dictKey(keys[0].key, n)
			end := 1
			for end < len(keys) && dictKey(keys[end].key, n) == p {
				end++
			}
			group := keys[:end]
			keys = keys[end:]
			if len(group) <= splitAt || n >= 6 {
				if err := ix.writeDictFile(p, group, write); err != nil {
					return err
				}
				continue
			}
			split = append(split, p)
			var here, longer []keyStem
			for _, k := range group {
				if len(k.key) == len(p) {
					here = append(here, k)
				} else {
					longer = append(longer, k)
				}
			}
			if len(here) > 0 {
				if err := ix.writeDictFile(p, here, write); err != nil {
					return err
				}
			}
			if err := files(longer, n+1); err != nil {
				return err
			}
		}
		return nil
	}
	err := files(keys, 2)
	slices.Sort(split)
	return split, err
}

// keyStem is a key of the dictionary, with its stem.
type keyStem struct{ key, stem string }

// writeDictFile writes the file of a prefix: a JSON object of key → [stem, df].
func (ix *Indexer) writeDictFile(prefix string, keys []keyStem, write func(string, []byte) error) error {
	entries := make(map[string][2]any, len(keys))
	for _, k := range keys {
		entries[k.key] = [2]any{k.stem, ix.dfs[k.stem]}
	}
	data, err := json.Marshal(entries) // map keys sorted: the same bytes every time
	if err != nil {
		return err
	}
	return ix.put("w/"+hex.EncodeToString([]byte(prefix))+".z", data, write)
}
