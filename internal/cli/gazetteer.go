package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"sitrep/internal/errs"
	"sitrep/internal/gazetteer"
)

// runGazetteer runs "sitrep gazetteer import|list".
func runGazetteer(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("gazetteer: give a subcommand: import FILE, or list")
	}
	switch args[0] {
	case "import":
		return runGazetteerImport(e, args[1:])
	case "list":
		return runGazetteerList(e)
	}
	return usagef("gazetteer: unknown subcommand %q (import or list)", args[0])
}

func runGazetteerImport(e *env, args []string) error {
	fs := flagSet(e, "gazetteer")
	alternates := fs.String("alternates", "", "GeoNames alternateNamesV2.txt (or .zip) whose names are added to the imported places")
	countries := fs.String("countries", "", "keep only these countries, ISO codes separated by commas (PK,AF,IR)")
	name := fs.String("name", "", "name of the imported set; importing a name again replaces it (default: the file's base name)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("gazetteer import: give one GeoNames file (allCountries.txt, PK.txt or their .zip)")
	}
	src := gazetteer.ImportSource{Path: fs.Arg(0), Alternates: *alternates, Name: *name}
	for _, c := range strings.Split(*countries, ",") {
		if c = strings.ToUpper(strings.TrimSpace(c)); c != "" {
			if len(c) != 2 {
				return usagef("gazetteer import: --countries takes two-letter ISO codes, not %q", c)
			}
			src.Countries = append(src.Countries, c)
		}
	}
	p := newProgress(e.stderr)
	start := time.Now()
	st, err := gazetteer.Import(e.ctx, src, e.localDir(), func(ip gazetteer.ImportProgress) {
		if p == nil {
			return
		}
		p.status(importStatus(ip, time.Since(start)))
	})
	p.finish()
	if err != nil {
		return errs.E(errs.Op("gazetteer import"), errs.Path(src.Path), err)
	}
	fmt.Fprintf(e.stdout, "imported %d places (%d alternate names) into %s in %s\n", st.Kept, st.AltNames, st.File, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(e.stdout, "read %d lines; %d not kept (other feature classes, countries or already embedded)\n", st.Lines+st.AltLines, st.Filtered)
	if st.Malformed > 0 {
		fmt.Fprintf(e.stdout, "skipped %d malformed rows:\n", st.Malformed)
		for _, m := range st.MalformedRows {
			fmt.Fprintf(e.stdout, "  %s\n", m)
		}
		if st.Malformed > len(st.MalformedRows) {
			fmt.Fprintf(e.stdout, "  … and %d more\n", st.Malformed-len(st.MalformedRows))
		}
	}
	return nil
}

// importStatus renders an import's progress: phase, share of the file
// read when its size is known, and what was kept.
func importStatus(ip gazetteer.ImportProgress, elapsed time.Duration) string {
	done := fmt.Sprintf("%d lines", ip.Lines)
	if ip.TotalBytes > 0 {
		frac := float64(ip.BytesRead) / float64(ip.TotalBytes)
		done = fmt.Sprintf("%3.0f%% (%d lines)", 100*frac, ip.Lines)
		if frac > 0.01 {
			left := time.Duration(float64(elapsed) * (1 - frac) / frac)
			done += ", " + left.Round(time.Second).String() + " left"
		}
	}
	return fmt.Sprintf("%s %s: %s, %d places, %d alternate names", ip.Phase, filepath.Base(ip.File), done, ip.Kept, ip.AltNames)
}

func runGazetteerList(e *env) error {
	files, err := gazetteer.ImportedFiles(e.localDir())
	if err != nil {
		return errs.E(errs.Op("gazetteer list"), err)
	}
	if len(files) == 0 {
		fmt.Fprintf(e.stdout, "no imported places in %s: the embedded gazetteer alone is used\n", gazetteer.ImportDir(e.localDir()))
		return nil
	}
	for _, f := range files {
		fmt.Fprintln(e.stdout, f)
	}
	return nil
}
