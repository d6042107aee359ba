package cli

import (
	"context"
	"time"

	"dateline/internal/migrate"
)

// runImport converts a Hugo or Jekyll site, or a WordPress export, into the site's
// content/, and prints what came in. It exits 1 when something was skipped.
func runImport(ctx context.Context, e *env, args []string) error {
	fs := e.flags("import")
	into := fs.String("into", ".", "the dateline site `folder` to write into")
	uploads := fs.String("uploads", "", "WordPress: the wp-content/uploads `folder` to copy images from")
	pos, err := parse(fs, args, 2, 2)
	if err != nil {
		return err
	}
	var report *migrate.Report
	now := time.Now()
	switch pos[0] {
	case "hugo":
		report, err = migrate.Hugo(pos[1], *into, now)
	case "jekyll":
		report, err = migrate.Jekyll(pos[1], *into, now)
	case "wordpress":
		report, err = migrate.WordPress(pos[1], *into, *uploads, now)
	default:
		return &usageError{"import: want hugo, jekyll or wordpress, got " + pos[0] + " (see dateline import --help)"}
	}
	if err != nil {
		return err
	}
	report.Print(e.stdout)
	if !report.OK() {
		return errReported
	}
	return nil
}
