package cli

import (
	"bufio"
	"errors"
	"fmt"
	"strings"

	"sitrep/internal/auth"
	"sitrep/internal/errs"
)

// runUser manages local accounts: "user add NAME --role R" reads the
// password from the terminal prompt or, with --password-stdin, from the
// first line of standard input; "user list" lists them.
func runUser(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("user: add NAME --role viewer|editor|admin [--password-stdin], or list")
	}
	switch args[0] {
	case "list":
		a, err := openAuth(e)
		if err != nil {
			return err
		}
		defer a.Close()
		us, err := a.Users(e.ctx)
		if err != nil {
			return errs.E(errs.Op("user list"), errs.IO, err)
		}
		for _, u := range us {
			fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", u.Name, u.Role, u.Created.Format("2006-01-02"))
		}
		return nil
	case "add":
	default:
		return usagef("user: unknown subcommand %q (add or list)", args[0])
	}
	fs := flagSet(e, "user")
	role := fs.String("role", auth.Viewer, "viewer (reads), editor (also reviews, merges, ingests) or admin (also reads the audit log)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	replace := fs.Bool("replace", false, "set a new role and password for an existing user (ends their sessions)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("user add: give one user name")
	}
	if !*fromStdin {
		fmt.Fprint(e.stderr, "password (at least 10 characters; it is echoed, so prefer --password-stdin from a file or a password manager): ")
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && line == "" {
		return usagef("user add: no password given")
	}
	a, err := openAuth(e)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.AddUser(e.ctx, fs.Arg(0), *role, strings.TrimRight(line, "\r\n"), *replace); err != nil {
		if errors.Is(err, auth.ErrInvalid) || errors.Is(err, auth.ErrExists) {
			return errs.E(errs.Op("user add"), errs.Usage, err)
		}
		return errs.E(errs.Op("user add"), errs.IO, err)
	}
	fmt.Fprintf(e.stdout, "user %s (%s) saved\n", fs.Arg(0), *role)
	return nil
}
