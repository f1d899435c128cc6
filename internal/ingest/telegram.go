package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// A Telegram Desktop export ("Export chat history", JSON) is one object
// per chat: its name, type and id, then "messages", an array of objects.
// An export of a whole account holds such chats under "chats": {"list":
// [...]}. Each message becomes a record whose original is the message's
// JSON exactly as in the file; the file is streamed, one message at a time.

// tgChat is what a chat says about itself before its messages.
type tgChat struct {
	Name string
	Type string
	ID   string
}

// tgMessage holds the fields of a message that sitrep uses.
type tgMessage struct {
	ID            json.Number     `json:"id"`
	Type          string          `json:"type"`
	Date          string          `json:"date"`
	From          string          `json:"from"`
	ForwardedFrom string          `json:"forwarded_from"`
	Action        string          `json:"action"`
	Text          json.RawMessage `json:"text"`
	Photo         string          `json:"photo"`
	File          string          `json:"file"`
	MediaType     string          `json:"media_type"`
	MimeType      string          `json:"mime_type"`
	Poll          *struct {
		Question string `json:"question"`
	} `json:"poll"`
	Location *struct{} `json:"location_information"`
}

// budgetReader fails a read once more than left bytes have passed since
// the last reset: the JSON decoder holds a whole value in memory, and a
// message may not be larger than an original may be.
type budgetReader struct {
	r    io.Reader
	left int64
}

var errMessageTooLarge = errors.New("message too large")

func (b *budgetReader) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, errMessageTooLarge
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}

// readTelegram yields one record per message of a Telegram Desktop export.
func readTelegram(ctx context.Context, r io.Reader, source string, opt WalkOptions, fn func(Record) error) error {
	// The decoder reads ahead in blocks; allow for that beyond the cap.
	budget := opt.maxOriginal() + 1<<20
	br := &budgetReader{r: r, left: budget}
	d := json.NewDecoder(br)
	d.UseNumber()
	t := &tgReader{ctx: ctx, d: d, br: br, budget: budget, source: source, opt: opt, fn: fn}
	err := t.object(func(key string) (bool, error) {
		switch key {
		case "chats", "left_chats":
			return true, t.chatList()
		case "messages":
			return true, t.messages(t.top)
		}
		return true, t.header(&t.top, key)
	})
	if err == nil && t.n == 0 {
		err = invalid(ReasonNoContent, "a Telegram export with no messages")
	}
	if err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, errStop) {
		where := fmt.Sprintf("%s@%d", source, d.InputOffset())
		if errors.Is(err, errMessageTooLarge) {
			err = tooLarge(int(opt.maxOriginal())+1, opt.maxOriginal())
		} else if !errors.Is(err, ReasonNoContent) {
			err = invalid(ReasonMalformed, fmt.Sprintf("Telegram export unreadable after %d messages: %v", t.n, err))
		}
		return fn(Record{Source: where, ContentType: "application/json", Err: err})
	}
	if errors.Is(err, errStop) {
		return t.stop
	}
	return err
}

// errStop carries fn's or ctx's error out of the decoding.
var errStop = errors.New("stop")

type tgReader struct {
	ctx    context.Context
	d      *json.Decoder
	br     *budgetReader
	budget int64
	source string
	opt    WalkOptions
	fn     func(Record) error
	top    tgChat
	n      int   // messages read
	stop   error // fn's or ctx's error
}

// object reads a JSON object's keys, calling field for each; field reads
// the value itself and returns true, or returns false to have it skipped.
func (t *tgReader) object(field func(key string) (bool, error)) error {
	if err := t.delim('{'); err != nil {
		return err
	}
	for t.d.More() {
		tok, err := t.d.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		done, err := field(key)
		if err != nil {
			return err
		}
		if !done {
			if err := t.skip(); err != nil {
				return err
			}
		}
	}
	return t.delim('}')
}

func (t *tgReader) delim(want json.Delim) error {
	tok, err := t.d.Token()
	if err != nil {
		return err
	}
	if tok != want {
		return fmt.Errorf("expected %v, found %v", want, tok)
	}
	return nil
}

// skip reads past one value, token by token, so that a large value
// (a contact list) is never held whole.
func (t *tgReader) skip() error {
	depth := 0
	for {
		t.br.left = t.budget
		tok, err := t.d.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// header reads one of a chat's own fields (name, type, id).
func (t *tgReader) header(c *tgChat, key string) error {
	switch key {
	case "name", "type", "id":
	default:
		return t.skip()
	}
	tok, err := t.d.Token()
	if err != nil {
		return err
	}
	var v string
	switch x := tok.(type) {
	case string:
		v = x
	case json.Number:
		v = x.String()
	case json.Delim:
		return fmt.Errorf("%q is not a plain value", key)
	}
	switch key {
	case "name":
		c.Name = v
	case "type":
		c.Type = v
	case "id":
		c.ID = v
	}
	return nil
}

// chatList reads "chats": {"list": [chat, …]}.
func (t *tgReader) chatList() error {
	return t.object(func(key string) (bool, error) {
		if key != "list" {
			return false, nil
		}
		if err := t.delim('['); err != nil {
			return true, err
		}
		for t.d.More() {
			var c tgChat
			err := t.object(func(key string) (bool, error) {
				if key == "messages" {
					return true, t.messages(c)
				}
				return true, t.header(&c, key)
			})
			if err != nil {
				return true, err
			}
		}
		return true, t.delim(']')
	})
}

// messages reads a chat's array of messages, one at a time.
func (t *tgReader) messages(c tgChat) error {
	if err := t.delim('['); err != nil {
		return err
	}
	for t.d.More() {
		if err := t.ctx.Err(); err != nil {
			t.stop = err
			return errStop
		}
		t.br.left = t.budget
		var raw json.RawMessage
		if err := t.d.Decode(&raw); err != nil {
			return err
		}
		t.n++
		if err := t.fn(telegramRecord(c, raw, t.source, t.opt)); err != nil {
			t.stop = err
			return errStop
		}
	}
	return t.delim(']')
}

// telegramRecord makes the record of one message.
func telegramRecord(c tgChat, raw json.RawMessage, source string, opt WalkOptions) Record {
	r := Record{Raw: append([]byte(nil), raw...), ContentType: "application/json; telegram-message", Outlet: c.Name}
	var m tgMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		r.Source = fmt.Sprintf("%s#message?", source)
		r.Err = invalid(ReasonMalformed, "a Telegram message: "+strings.TrimPrefix(err.Error(), "json: "))
		return r
	}
	r.Source = fmt.Sprintf("%s#message%s", source, m.ID)
	if m.Type != "" && m.Type != "message" {
		return Record{Source: r.Source, Skip: fmt.Sprintf("a Telegram %s message (%s), not a report", m.Type, firstNonEmpty(m.Action, "no action"))}
	}
	r.Published = isoDay(m.Date)
	r.Author = firstNonEmpty(m.ForwardedFrom, m.From)
	if c.ID != "" && m.ID != "" && (strings.HasSuffix(c.Type, "channel") || strings.HasSuffix(c.Type, "supergroup")) {
		// t.me/c/ links open a message for members of the channel; the
		// export does not say the public name a t.me/NAME link needs.
		r.URL = "https://t.me/c/" + strings.TrimPrefix(c.ID, "-100") + "/" + m.ID.String()
	}
	media := m.media()
	title := firstNonEmpty(c.Name, "Telegram") + ", message " + m.ID.String()
	var notes []string
	if m.ForwardedFrom != "" {
		notes = append(notes, "forwarded from "+m.ForwardedFrom)
	}
	if media != "" {
		notes = append(notes, media)
	}
	if len(notes) > 0 {
		title += " (" + strings.Join(notes, "; ") + ")"
	}
	r.Title = title
	text := tgText(m.Text)
	if m.Poll != nil && m.Poll.Question != "" {
		text = strings.TrimSpace(text + "\n\n" + m.Poll.Question)
	}
	if strings.TrimSpace(text) == "" {
		if media != "" {
			return Record{Source: r.Source, Skip: "a Telegram message with no text (" + media + ")"}
		}
		return Record{Source: r.Source, Skip: "an empty Telegram message"}
	}
	if int64(len(text)) > opt.maxBytes() {
		r.Err = tooLarge(len(text), opt.maxBytes())
		return r
	}
	r.Text, r.Repaired, r.Err = Text([]byte(text))
	return r
}

// media says what a message carries besides text, with the file's name
// in the export when it has one.
func (m tgMessage) media() string {
	kind, file := "", ""
	switch {
	case m.Photo != "":
		kind, file = "photo", m.Photo
	case m.MediaType != "":
		kind, file = strings.ReplaceAll(m.MediaType, "_", " "), m.File
	case m.File != "":
		kind, file = firstNonEmpty(m.MimeType, "file"), m.File
	case m.Poll != nil:
		kind = "poll"
	case m.Location != nil:
		kind = "location"
	}
	if kind == "" {
		return ""
	}
	if file != "" && !strings.HasPrefix(file, "(File not included") {
		return kind + " " + file
	}
	return kind + " (not in the export)"
}

// tgText flattens a message's text: a string, or an array of strings and
// entities ({"type": "bold", "text": "…"}) in order.
func tgText(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var parts []json.RawMessage
	if json.Unmarshal(raw, &parts) != nil {
		return ""
	}
	var b strings.Builder
	for _, p := range parts {
		var ps string
		if json.Unmarshal(p, &ps) == nil {
			b.WriteString(ps)
			continue
		}
		var e struct {
			Text string `json:"text"`
		}
		if json.Unmarshal(p, &e) == nil {
			b.WriteString(e.Text)
		}
	}
	return b.String()
}
