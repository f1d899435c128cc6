package text

import (
	"fmt"
	"strings"
	"testing"
)

func TestPieces(t *testing.T) {
	for in, want := range map[string]string{
		"sixty-three killed": "w:sixty p:- w:three w:killed",
		"1,200 on Aug. 5":    "n:1,200 w:on w:Aug p:. n:5",
		"F-16s at 3.5km":     "w:F p:- n:16 w:s w:at n:3.5 w:km",
		"Kéré’s 12":          "w:Kéré p:’ w:s n:12",
		"":                   "",
	} {
		kinds := map[PieceKind]string{PieceWord: "w", PieceNumber: "n", PiecePunct: "p"}
		var got []string
		Pieces(in, []struct{}{}, func(start, end int32, k PieceKind) struct{} {
			got = append(got, fmt.Sprintf("%s:%s", kinds[k], in[start:end]))
			return struct{}{}
		})
		if g := strings.Join(got, " "); g != want {
			t.Errorf("Pieces(%q) = %q, want %q", in, g, want)
		}
	}
	if LowerASCII("Kéré AUG") != "kéré aug" {
		t.Error("LowerASCII")
	}
}
