package cli

import (
	"fmt"
	"net"
	"os/signal"
	"syscall"

	"sitrep/internal/auth"
	"sitrep/internal/errs"
	"sitrep/internal/server"
	"sitrep/internal/store/postgres"
)

// runServe serves the API and the web interface until interrupted.
func runServe(e *env, args []string) error {
	fs := flagSet(e, "serve")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; the default is reachable from this machine only")
	cert := fs.String("tls-cert", "", "serve HTTPS with this certificate (PEM); session cookies are then Secure")
	key := fs.String("tls-key", "", "the certificate's private key (PEM)")
	private := fs.Bool("fetch-private", false, "let editors capture URLs on loopback and private addresses (off: the server does not read its own network)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if (*cert == "") != (*key == "") {
		return usagef("serve: --tls-cert and --tls-key go together")
	}
	a, err := openAuth(e)
	if err != nil {
		return err
	}
	defer a.Close()
	users, err := a.Users(e.ctx)
	if err != nil {
		return errs.E(errs.Op("serve"), errs.IO, err)
	}
	if len(users) == 0 {
		return errs.E(errs.Op("serve"), errs.Invalid, "no accounts yet: create one with 'sitrep user add NAME --role admin'")
	}
	c, err := openCorpus(e, false)
	if err != nil {
		return err
	}
	defer c.Close()
	warnStaleViews(e, c)
	ctx, stop := signal.NotifyContext(e.ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	srv := server.New(server.Config{Corpus: c, Auth: a, TLS: *cert != "", FetchPrivate: *private})
	scheme := "http"
	if *cert != "" {
		scheme = "https"
	}
	err = srv.ListenAndServe(ctx, *addr, *cert, *key, func(ad net.Addr) {
		fmt.Fprintf(e.stderr, "sitrep: serving %s on %s://%s (Ctrl-C to stop)\n", e.where(), scheme, ad)
	})
	if err != nil {
		return errs.E(errs.Op("serve"), errs.IO, err)
	}
	return nil
}

func openAuth(e *env) (*auth.Service, error) {
	var b auth.Backend
	var err error
	if postgres.IsURL(e.dataDir) {
		b, err = auth.OpenPostgres(e.ctx, e.dataDir)
	} else {
		b, err = auth.OpenSQLite(e.ctx, e.dataDir)
	}
	if err != nil {
		return nil, errs.E(errs.Op("open accounts"), errs.IO, err)
	}
	return auth.New(b, auth.DefaultPolicy), nil
}
