// Package store owns what a build keeps outside the pages it writes: the build store
// that one build into a folder leaves for the next, the spare tree beside the output
// folder, and the spools that hold a large build's by-article bytes until it needs them.
//
// The build store lives in the site's .dateline-cache folder, which is safe to delete at
// any time: then the next build is a cold one. It remembers, for every article file, its
// version and what it parsed to, and for every output file the signature of its job, a
// hash of its bytes and its stamp. A warm build then reads only the articles that
// changed, skips every job whose signature is the same and whose file is untouched
// (Out.Keep), and compares what the other jobs make with the files they would replace
// (Out.Write). When no byte differs, nothing is touched.
//
// Otherwise the build needs a new tree to swap in (output.Dir). Making a whole tree of
// hard links costs a folder per article, so a warm build keeps the tree it replaced as
// the spare and, next time, brings the spare up to date instead: it links in the files
// that changed in the build before, writes those that change now, and removes what is
// gone. A cold build, which replaces no tree of its own, links the spare after it swaps
// its tree in: about 7% more for it (10,000 articles, ext4), and the first edit after it
// costs what a later one does, a third to a half less than with a whole tree to make.
// The store remembers what the spare holds; a file beside it names the store whose
// description is true, and is removed while the spare is being changed, so a build
// killed then leaves a spare that the next build does not trust.
//
// Site drives all of it through Out, an output.Sink; only this package touches the
// output folder's trees.
package store
