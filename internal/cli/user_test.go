package cli

import (
	"strings"
	"testing"
)

func TestUserAddAndList(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		stdin string
		args  []string
		code  int
	}{
		{"a long enough password\n", []string{"user", "add", "ana", "--role", "editor", "--password-stdin"}, 0},
		{"a long enough password\n", []string{"user", "add", "ana", "--role", "viewer", "--password-stdin"}, 2},
		{"short\n", []string{"user", "add", "bo", "--password-stdin"}, 2},
		{"a long enough password\n", []string{"user", "add", "bo", "--role", "root", "--password-stdin"}, 2},
		{"", []string{"user", "add", "bo", "--password-stdin"}, 2},
		{"", []string{"user", "remove", "bo"}, 2},
	} {
		_, stderr, code := run(t, tc.stdin, append([]string{"--data", dir}, tc.args...)...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d (%s)", tc.args, code, tc.code, stderr)
		}
	}
	out, _, code := run(t, "", "--data", dir, "user", "list")
	if code != 0 || !strings.HasPrefix(out, "ana\teditor\t") || strings.Contains(out, "bo\t") {
		t.Errorf("user list: %d %q", code, out)
	}
}
