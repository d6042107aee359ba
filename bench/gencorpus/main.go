// Command gencorpus writes a synthetic news archive for benchmarks (see package
// dateline/internal/corpus): N articles under DIR/content/articles/YYYY/, the same for
// the same seed.
//
//	go run ./bench/gencorpus -n 10000 -out /tmp/corpus-10000 -seed 1
package main

import (
	"flag"
	"log"

	"dateline/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	out := flag.String("out", "corpus", "output `folder`; articles go to its content/articles")
	seed := flag.Uint64("seed", 1, "random seed: the same seed and n give the same corpus")
	flag.Parse()
	if err := corpus.Write(*out, *n, *seed); err != nil {
		log.Fatal(err)
	}
}
