package cli

import (
	"context"
	"fmt"
	"os"

	"dateline/internal/check"
)

func runCheck(_ context.Context, e *env, args []string) error {
	fs := e.flags("check")
	dest := fs.String("dest", "public", "the built site `folder`")
	base := fs.String("base-url", "", "the `URL` the site was built for (default: read from its front page)")
	if _, err := parse(fs, args, 0, 0); err != nil {
		return err
	}
	if info, err := os.Stat(*dest); err != nil || !info.IsDir() {
		return fmt.Errorf("%s: no built site there; hint: run dateline build first, or pass --dest", *dest)
	}
	r, err := check.Site(os.DirFS(*dest), *base)
	if err != nil {
		return err
	}
	for _, p := range r.Problems {
		fmt.Fprintln(e.stderr, p)
	}
	if n := len(r.Problems); n > 0 {
		fmt.Fprintf(e.stderr, "%d broken %s in %d pages (%d links checked)\n", n, plural(n, "link", "links"), r.Pages, r.Links)
		return errReported
	}
	fmt.Fprintf(e.stdout, "Checked %d pages and %d links: none broken\n", r.Pages, r.Links)
	return nil
}
