package cli

import (
	"fmt"
	"net"
	"net/netip"
	"os/signal"
	"strings"
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
	var proxies []netip.Prefix
	fs.Func("trusted-proxy", "a reverse proxy in front of the server (address or CIDR; repeat for several): only its X-Forwarded-For is believed, so that login limits count the clients behind it",
		func(v string) error {
			for _, part := range strings.Split(v, ",") {
				p, err := parsePrefix(strings.TrimSpace(part))
				if err != nil {
					return err
				}
				proxies = append(proxies, p)
			}
			return nil
		})
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if (*cert == "") != (*key == "") {
		return usagef("serve: --tls-cert and --tls-key go together")
	}
	if !e.readOnly && onReadOnlyMedia(e.dataDir) {
		e.readOnly = true
		fmt.Fprintf(e.stderr, "sitrep: %s cannot be written: serving it read-only (no edits, merges or uploads; sessions and the audit log are kept in memory)\n", e.dataDir)
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
	c, err := openCorpus(e, e.readOnly)
	if err != nil {
		return err
	}
	defer c.Close()
	warnStaleViews(e, c)
	ctx, stop := signal.NotifyContext(e.ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	srv := server.New(server.Config{Corpus: c, Auth: a, TLS: *cert != "", TrustedProxies: proxies, FetchPrivate: *private, ReadOnly: e.readOnly})
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

// parsePrefix reads an address (a prefix of one address) or a CIDR prefix.
func parsePrefix(s string) (netip.Prefix, error) {
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is not an address or a CIDR prefix", s)
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}

func openAuth(e *env) (*auth.Service, error) {
	var b auth.Backend
	var err error
	if postgres.IsURL(e.dataDir) {
		b, err = auth.OpenPostgres(e.ctx, e.dataDir)
	} else if e.readOnly || onReadOnlyMedia(e.dataDir) {
		b, err = auth.OpenSQLiteReadOnly(e.ctx, e.dataDir)
	} else {
		b, err = auth.OpenSQLite(e.ctx, e.dataDir)
	}
	if err != nil {
		return nil, errs.E(errs.Op("open accounts"), errs.IO, err)
	}
	return auth.New(b, auth.DefaultPolicy), nil
}
