package ingest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"sitrep/internal/errs"
)

// A URL is captured as a web archive would capture it: every HTTP
// exchange, redirects included, is kept as a WARC request and response
// record holding the bytes exactly as sent and received, with the time of
// capture, the server's address and SHA-256 digests of each block and
// payload. The WARC file is the original that sitrep stores; the page is
// then read from it as from any WARC file.

// maxRedirects is the longest chain of redirects followed.
const maxRedirects = 10

// exchange is one HTTP request and its response, as bytes on the wire.
type exchange struct {
	url      string
	at       time.Time
	ip       string
	request  []byte
	response []byte
	status   int
	location string
	ctype    string
	body     []byte // the payload, transfer coding removed
}

// capture fetches a URL, following redirects, and reads the final page.
func (w *walker) capture(target string) error {
	op, path := errs.Op("capture"), errs.Path(target)
	if !w.opt.Fetch {
		return w.fail(target, errs.E(op, path, errs.Invalid, "URLs are not captured in this run (--fetch=false)"))
	}
	timeout := w.opt.FetchTimeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	ctx, cancel := context.WithTimeout(w.ctx, timeout)
	defer cancel()
	var chain []exchange
	next := target
	for hop := 0; ; hop++ {
		if hop > maxRedirects {
			return w.fail(target, errs.E(op, path, invalid(ReasonFetch, fmt.Sprintf("more than %d redirects", maxRedirects))))
		}
		x, err := fetchOnce(ctx, next, w.opt)
		if err != nil {
			if w.ctx.Err() != nil {
				return w.ctx.Err()
			}
			var ne net.Error
			if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
				err = invalid(ReasonTimeout, fmt.Sprintf("no complete answer within %s", timeout))
			}
			return w.fail(target, errs.E(op, errs.Path(next), err))
		}
		chain = append(chain, x)
		if x.status < 300 || x.status >= 400 || x.location == "" {
			break
		}
		u, err := url.Parse(x.url)
		if err == nil {
			var loc *url.URL
			if loc, err = u.Parse(x.location); err == nil {
				next = loc.String()
			}
		}
		if err != nil || !isURL(next) {
			return w.fail(target, errs.E(op, path, invalid(ReasonFetch, fmt.Sprintf("a redirect to %q, which is not an http(s) URL", x.location))))
		}
	}
	last := chain[len(chain)-1]
	if last.status != http.StatusOK {
		return w.fail(target, errs.E(op, errs.Path(last.url), invalid(ReasonFetch, fmt.Sprintf("HTTP %d %s", last.status, http.StatusText(last.status)))))
	}
	warc := buildWARC(chain)
	emit := w.emitter(nil)
	// A feed is read item by item, as a feed file is: its items are the
	// documents, each kept as its own original.
	if f, _ := sniff(last.body[:min(len(last.body), sniffWindow)], ""); f == formatFeed {
		return readFeed(last.body, target, w.opt, emit)
	}
	var rec Record
	err := readWARC(bytes.NewReader(warc), target, w.opt, func(r Record) error {
		if rec.Source == "" || rec.Err != nil && r.Err == nil {
			rec = r
		}
		return nil
	})
	if err != nil {
		return err
	}
	// The capture as a whole is the original: every hop, with its time
	// and digests. The page's URL is where the chain ended, unless the
	// page names its canonical address.
	rec.Raw, rec.Source, rec.ContentType = warc, target, "application/warc"
	rec.CapturedAt = last.at
	if rec.URL == "" {
		rec.URL = last.url
	}
	return emit(rec)
}

// fetchOnce makes one GET request without following redirects and keeps
// the bytes of both directions.
func fetchOnce(ctx context.Context, target string, opt WalkOptions) (exchange, error) {
	x := exchange{url: target, at: time.Now().UTC()}
	var conn *recordingConn
	limit := opt.maxOriginal()
	dialer := &net.Dialer{Timeout: 30 * time.Second}
	if !opt.FetchPrivate {
		dialer.Control = refusePrivate
	}
	record := func(c net.Conn) net.Conn {
		conn = &recordingConn{Conn: c, limit: limit + 64<<10}
		if a, ok := c.RemoteAddr().(*net.TCPAddr); ok {
			x.ip = a.IP.String()
		}
		return conn
	}
	tr := &http.Transport{
		Proxy: nil, // the bytes on the wire must be the exchange with the site
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := dialer.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return record(c), nil
		},
		// TLS is ended here, inside the recorder, so that what it keeps is
		// the HTTP exchange in the clear.
		DialTLSContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := dialer.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			host, _, _ := net.SplitHostPort(addr)
			tc := tls.Client(c, &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12})
			if err := tc.HandshakeContext(ctx); err != nil {
				c.Close()
				return nil, err
			}
			return record(tc), nil
		},
		DisableKeepAlives:      true, // one connection per exchange: its bytes are the exchange
		DisableCompression:     true, // the payload is what the server sent
		MaxResponseHeaderBytes: 1 << 20,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return x, invalid(ReasonFetch, err.Error())
	}
	req.Header.Set("User-Agent", "sitrep (offline-first conflict reporting archive)")
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5")
	resp, err := client.Do(req)
	if err != nil {
		var tl *tooLargeErr
		if errors.As(err, &tl) {
			return x, tooLarge(int(tl.n), limit)
		}
		return x, err
	}
	defer resp.Body.Close()
	x.status, x.location, x.ctype = resp.StatusCode, resp.Header.Get("Location"), resp.Header.Get("Content-Type")
	x.body, err = io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		var tl *tooLargeErr
		if errors.As(err, &tl) {
			return x, tooLarge(int(tl.n), limit)
		}
		return x, err
	}
	if int64(len(x.body)) > limit {
		return x, tooLarge(len(x.body), limit)
	}
	resp.Body.Close()
	x.request, x.response = conn.recorded()
	return x, nil
}

// recordingConn keeps a copy of every byte read and written, up to limit
// read. The transport reads and writes it from goroutines of its own: mu
// guards the copies.
type recordingConn struct {
	net.Conn
	mu      sync.Mutex
	in, out bytes.Buffer
	limit   int64
}

// recorded returns copies of the bytes written and read so far.
func (c *recordingConn) recorded() (out, in []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return bytes.Clone(c.out.Bytes()), bytes.Clone(c.in.Bytes())
}

type tooLargeErr struct{ n int64 }

func (e *tooLargeErr) Error() string { return fmt.Sprintf("response larger than %d bytes", e.n) }

func (c *recordingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.in.Write(p[:n])
	if int64(c.in.Len()) > c.limit {
		return n, &tooLargeErr{int64(c.in.Len())}
	}
	return n, err
}

func (c *recordingConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.mu.Lock()
	c.out.Write(p[:n])
	c.mu.Unlock()
	return n, err
}

// refusePrivate refuses connections to loopback, private, link-local and
// unspecified addresses. It runs on the address actually dialled, after
// name resolution, so a name that resolves to such an address is refused
// too.
func refusePrivate(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip := net.ParseIP(host)
	if ip == nil || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast() {
		return fmt.Errorf("%s is a loopback, private or link-local address; capturing it is not allowed here", host)
	}
	return nil
}

// buildWARC writes the exchanges as WARC/1.1 records: a warcinfo record,
// then for each exchange its response and the request concurrent to it.
func buildWARC(chain []exchange) []byte {
	var b bytes.Buffer
	info := []byte("software: sitrep\r\nformat: WARC File Format 1.1\r\nconformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n")
	writeWARCRecord(&b, [][2]string{{"WARC-Type", "warcinfo"}, {"WARC-Record-ID", recordID()},
		{"WARC-Date", chain[0].at.Format(time.RFC3339Nano)}, {"Content-Type", "application/warc-fields"}}, info)
	for _, x := range chain {
		respID := recordID()
		date := x.at.Format(time.RFC3339Nano)
		h := [][2]string{{"WARC-Type", "response"}, {"WARC-Record-ID", respID}, {"WARC-Date", date},
			{"WARC-Target-URI", x.url}}
		if x.ip != "" {
			h = append(h, [2]string{"WARC-IP-Address", x.ip})
		}
		h = append(h, [2]string{"Content-Type", "application/http;msgtype=response"},
			[2]string{"WARC-Payload-Digest", digest(x.body)})
		writeWARCRecord(&b, h, x.response)
		writeWARCRecord(&b, [][2]string{{"WARC-Type", "request"}, {"WARC-Record-ID", recordID()}, {"WARC-Date", date},
			{"WARC-Target-URI", x.url}, {"WARC-Concurrent-To", respID}, {"Content-Type", "application/http;msgtype=request"}}, x.request)
	}
	return b.Bytes()
}

func writeWARCRecord(b *bytes.Buffer, headers [][2]string, block []byte) {
	b.WriteString("WARC/1.1\r\n")
	for _, h := range headers {
		b.WriteString(h[0] + ": " + h[1] + "\r\n")
	}
	fmt.Fprintf(b, "WARC-Block-Digest: %s\r\nContent-Length: %d\r\n\r\n", digest(block), len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
}

// digest is a WARC labelled digest: "sha256:" and the hex digits.
func digest(b []byte) string {
	s := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(s[:])
}

// recordID is a fresh WARC-Record-ID: a random (version 4) UUID URN.
func recordID() string {
	var u [16]byte
	rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	h := hex.EncodeToString(u[:])
	return "<urn:uuid:" + strings.Join([]string{h[:8], h[8:12], h[12:16], h[16:20], h[20:]}, "-") + ">"
}
