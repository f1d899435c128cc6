package postgres

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"sitrep/internal/store"
	"sitrep/internal/store/postgres/pgtest"
)

// TestFullTextParity checks that PostgreSQL matches a query against a
// vector exactly when store.Match (the memory backend's brute force) says
// the words occur, on texts PostgreSQL's own parser would read otherwise.
func TestFullTextParity(t *testing.T) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	texts := []string{
		"The report was re-read by the commission on 12.5.2024.",
		"Contact press@example.org or visit https://example.org/news/1.5 for figures.",
		"Gunmen killed 1,200 people; the toll rose to 1.5 thousand by Friday.",
		"ÎLE-DE-FRANCE: marchers gathered in Saint-Denis and Créteil.",
		strings.Repeat("filler ", 17000) + "late phrase here",
	}
	queries := []string{
		"re-read", `"re read"`, `"was re read by"`, "read", "12", `"12 5 2024"`, "example", `"press example org"`,
		"1", `"1 200"`, "200 people", "thou*", `"toll rose"`, "île", "ÎLE", `"saint denis"`, "créteil", "creteil",
		"late", `"late phrase"`, "fill*", "gather* marchers", `"the report"*`,
	}
	for _, text := range texts {
		for _, query := range queries {
			terms, err := store.ParseQuery(query)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := store.Match(terms, text)
			if len(text) > 100000 && strings.Contains(query, `"late phrase"`) {
				// Past position 16383 PostgreSQL keeps no order: a phrase
				// there cannot match (fts.go).
				want = false
			}
			var got bool
			if err := conn.QueryRow(ctx, "SELECT $1::tsvector @@ $2::tsquery", tsVector(text), tsQuery(terms)).Scan(&got); err != nil {
				t.Fatalf("%q in %.40q: %v", query, text, err)
			}
			if got != want {
				t.Errorf("%q in %.40q: PostgreSQL says %v, store.Match %v", query, text, got, want)
			}
		}
	}
	// Title and text are apart: a phrase does not run from one into the other.
	var got bool
	terms, _ := store.ParseQuery(`"rally quetta"`)
	if err := conn.QueryRow(ctx, "SELECT $1::tsvector @@ $2::tsquery", tsVector("Blast at rally", "Quetta: a blast"), tsQuery(terms)).Scan(&got); err != nil || got {
		t.Errorf("phrase across title and text: %v, %v; want no match", got, err)
	}
}
