// Package seeds embeds the seeded articles, so the binary builds its first
// edition from any directory with no files beside it.
package seeds

import (
	"embed"
	"io/fs"
)

//go:embed *.txt
var files embed.FS

// FS returns the seeded article files.
func FS() fs.FS { return files }
