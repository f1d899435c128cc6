package server

import (
	"path/filepath"
	"regexp"
	"strings"

	"sitrep/internal/auth"
	"sitrep/internal/store"
)

// Where the server keeps its files is no business of its users: answers
// to anyone but an admin name an original's source by its file name, not
// its path on the server, and error messages lose the directories of
// every path they mention.

// publicSource is a source as a non-admin sees it: URLs and uploads as
// they are, a local path by its file name.
func publicSource(src string) string {
	if src == "" || src == "-" || strings.Contains(src, "://") || strings.HasPrefix(src, "upload:") {
		return src
	}
	return filepath.Base(src)
}

// forRole returns o as the session's role may see it.
func forRole(o store.Original, sess auth.Session) store.Original {
	if auth.RoleRank(sess.Role) < auth.RoleRank(auth.Admin) {
		o.Source = publicSource(o.Source)
	}
	return o
}

// absPath is an absolute path in a message, after a space, a quote, a
// bracket or '=' (not after ':', which would take URLs apart).
var absPath = regexp.MustCompile(`(^|[\s"'(=])(/[^\s"'():,;]+)`)

// redactPaths replaces the directories of the absolute paths in msg by …/.
func redactPaths(msg string) string {
	return absPath.ReplaceAllStringFunc(msg, func(m string) string {
		i := strings.IndexByte(m, '/')
		return m[:i] + "…/" + filepath.Base(m[i:])
	})
}
