package ingest

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf16"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/seeds"
)

func TestReadFileEncodings(t *testing.T) {
	tests := []struct {
		name     string
		data     []byte
		want     string
		warnings []string
	}{
		{"utf8", []byte("Café crème\nsecond line\n"), "Café crème\nsecond line\n", nil},
		{"utf8 bom", []byte("\xEF\xBB\xBFTitle\nBody"), "Title\nBody", nil},
		{"crlf", []byte("one\r\ntwo\r\n\r\nthree"), "one\ntwo\n\nthree", nil},
		{"lone cr", []byte("one\rtwo\r\rthree"), "one\ntwo\n\nthree", nil},
		{"utf16 le", append([]byte{0xFF, 0xFE}, utf16le("Tōkyō “news”\r\nline")...), "Tōkyō “news”\nline", nil},
		{"utf16 be", append([]byte{0xFE, 0xFF}, utf16be("Tōkyō 😀\nline")...), "Tōkyō 😀\nline", nil},
		{"windows-1252", []byte("caf\xe9 \x93quoted\x94 \x80 5"), "café “quoted” € 5", []string{WarningWindows1252}},
		{"latin-1", []byte("na\xefve r\xe9sum\xe9"), "naïve résumé", []string{WarningWindows1252}},
		{"utf8 with a stray windows quote", []byte("Tōkyō \x93said\x94"), "Tōkyō “said”", []string{WarningWindows1252}},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".txt")
			if err := os.WriteFile(p, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			doc, err := ReadFile(p, digest.OriginFile, 0)
			if err != nil {
				t.Fatalf("ReadFile: %v", err)
			}
			if doc.Text != tt.want {
				t.Errorf("text = %q, want %q", doc.Text, tt.want)
			}
			if !slices.Equal(doc.Warnings, tt.warnings) {
				t.Errorf("warnings = %q, want %q", doc.Warnings, tt.warnings)
			}
			if doc.Name != p || doc.Origin != digest.OriginFile {
				t.Errorf("name, origin = %q, %q; want %q, %q", doc.Name, doc.Origin, p, digest.OriginFile)
			}
		})
	}
}

func TestReadFileRefusesBadInput(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		wantErr error
		wantMsg string
	}{
		{"empty", nil, ErrEmpty, "empty file"},
		{"whitespace", []byte(" \n\t\r\n \u00a0\n"), ErrEmpty, "only whitespace"},
		{"bom only", []byte("\xEF\xBB\xBF\n"), ErrEmpty, "only whitespace"},
		{"nul bytes", []byte("GIF89a\x01\x00\x01\x00text"), ErrBinary, "NUL"},
		{"utf16 without bom", utf16le("plain words"), ErrBinary, "NUL"},
		{"control characters", []byte("ab\x01\x02\x03\x04\x05\x06cd\x07\x08\x0e\x0f"), ErrBinary, "control characters"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".txt")
			if err := os.WriteFile(p, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadFile(p, digest.OriginFile, 0)
			checkFileError(t, err, p, tt.wantErr, tt.wantMsg)
		})
	}
}

func TestReadFileTooLarge(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	// Sparse: 50 MB on paper, no blocks on disk.
	if err := os.Truncate(big, 50<<20); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(big, digest.OriginFile, DefaultMaxBytes)
	checkFileError(t, err, big, ErrTooLarge, "size limit of 10485760 bytes")

	small := filepath.Join(dir, "eleven.txt")
	if err := os.WriteFile(small, []byte("eleven byte"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ReadFile(small, digest.OriginFile, 10)
	checkFileError(t, err, small, ErrTooLarge, "size limit of 10 bytes")
	if _, err := ReadFile(small, digest.OriginFile, 11); err != nil {
		t.Errorf("a file at the limit: %v", err)
	}
}

// endless is a file whose size Stat gets wrong: it never ends.
type endless struct{ read int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	e.read += int64(len(p))
	return len(p), nil
}
func (e *endless) Close() error { return nil }

type fakeInfo struct{ size int64 }

func (f fakeInfo) Name() string       { return "growing.txt" }
func (f fakeInfo) Size() int64        { return f.size }
func (f fakeInfo) Mode() fs.FileMode  { return 0o644 }
func (f fakeInfo) ModTime() time.Time { return time.Time{} }
func (f fakeInfo) IsDir() bool        { return false }
func (f fakeInfo) Sys() any           { return nil }

func TestReadStopsAtTheLimitWhenStatIsWrong(t *testing.T) {
	src := &endless{}
	_, err := read("growing.txt", fakeInfo{size: 5}, func() (io.ReadCloser, error) { return src, nil }, digest.OriginFile, 1000)
	checkFileError(t, err, "growing.txt", ErrTooLarge, "size limit of 1000 bytes")
	if src.read > 1001 {
		t.Errorf("read %d bytes past a limit of 1000", src.read)
	}
}

func TestReadFileUnreadable(t *testing.T) {
	dir := t.TempDir()
	dangling := filepath.Join(dir, "gone.txt")
	if err := os.Symlink(filepath.Join(dir, "missing.txt"), dangling); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.txt")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		path    string
		wantErr error
		wantMsg string
	}{
		{"dangling symlink", dangling, fs.ErrNotExist, "no such file"},
		{"missing", filepath.Join(dir, "nope.txt"), fs.ErrNotExist, "no such file"},
		{"directory", folder, ErrNotFile, "a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadFile(tt.path, digest.OriginFile, 0)
			checkFileError(t, err, tt.path, tt.wantErr, tt.wantMsg)
			if strings.Count(err.Error(), tt.path) != 1 {
				t.Errorf("error %q should name the file once", err)
			}
		})
	}
}

func TestReadFSFolder(t *testing.T) {
	docs, errs := ReadFS(os.DirFS("testdata/tree"), ".", digest.OriginFile, 0)
	var names []string
	for _, d := range docs {
		names = append(names, d.Name)
		if d.Origin != digest.OriginFile || strings.Contains(d.Text, "\r") {
			t.Errorf("%s: origin %q, text %q", d.Name, d.Origin, d.Text)
		}
	}
	want := []string{"a.txt", "b.md", "sub/c.markdown", "sub/d.text"}
	if !slices.Equal(names, want) {
		t.Errorf("documents = %q, want %q", names, want)
	}
	if len(errs) != 1 {
		t.Fatalf("errors = %v, want one for blank.txt", errs)
	}
	checkFileError(t, errs[0], "blank.txt", ErrEmpty, "only whitespace")
}

func TestReadFSReportsEachBadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("1-good.txt", "Good\n\nA good article.")
	write("2-empty.md", "")
	write("3-binary.txt", "\x00\x01\x02")
	write("5-good.markdown", "# Also good\n\nAnother one.")
	if err := os.Symlink(filepath.Join(dir, "nowhere.txt"), filepath.Join(dir, "4-dangling.txt")); err != nil {
		t.Fatal(err)
	}
	docs, errs := ReadFS(os.DirFS(dir), ".", digest.OriginFile, 0)
	if len(docs) != 2 || docs[0].Name != "1-good.txt" || docs[1].Name != "5-good.markdown" {
		t.Errorf("documents = %v, want 1-good.txt and 5-good.markdown", docs)
	}
	if len(errs) != 3 {
		t.Fatalf("errors = %v, want 3", errs)
	}
	checkFileError(t, errs[0], "2-empty.md", ErrEmpty, "empty file")
	checkFileError(t, errs[1], "3-binary.txt", ErrBinary, "NUL")
	checkFileError(t, errs[2], "4-dangling.txt", fs.ErrNotExist, "no such file")
}

func TestReadFSRoot(t *testing.T) {
	fsys := fstest.MapFS{
		"in/x.txt":       {Data: []byte("X marks\n\nthe spot.")},
		"in/deep/y.md":   {Data: []byte("Y\n\nwhy not.")},
		"out/z.txt":      {Data: []byte("Z\n\nnot under the root.")},
		"in/.cache/w.md": {Data: []byte("hidden")},
	}
	docs, errs := ReadFS(fsys, "in", digest.OriginSeed, 0)
	if len(errs) != 0 {
		t.Errorf("errors: %v", errs)
	}
	var names []string
	for _, d := range docs {
		names = append(names, d.Name)
	}
	if want := []string{"in/deep/y.md", "in/x.txt"}; !slices.Equal(names, want) {
		t.Errorf("documents = %q, want %q", names, want)
	}
	_, errs = ReadFS(fsys, "missing", digest.OriginSeed, 0)
	if len(errs) != 1 {
		t.Fatalf("errors = %v, want one for the missing root", errs)
	}
	checkFileError(t, errs[0], "missing", fs.ErrNotExist, "does not exist")
}

func TestReadFSSeeds(t *testing.T) {
	docs, errs := ReadFS(seeds.FS(), ".", digest.OriginSeed, DefaultMaxBytes)
	if len(errs) != 0 {
		t.Errorf("errors: %v", errs)
	}
	if len(docs) != 5 {
		t.Fatalf("read %d seeds, want 5", len(docs))
	}
	for _, d := range docs {
		if d.Origin != digest.OriginSeed || len(d.Warnings) != 0 || strings.TrimSpace(d.Text) == "" {
			t.Errorf("%s: origin %q, warnings %q, %d bytes", d.Name, d.Origin, d.Warnings, len(d.Text))
		}
	}
}

func checkFileError(t *testing.T, err error, path string, want error, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v", want)
	}
	var fe *FileError
	if !errors.As(err, &fe) || fe.Path != path {
		t.Errorf("error %q is not a FileError for %s", err, path)
	}
	if !errors.Is(err, want) {
		t.Errorf("error %q is not %v", err, want)
	}
	if !strings.HasPrefix(err.Error(), path+": ") || !strings.Contains(err.Error(), msg) {
		t.Errorf("error %q should start with %q and say %q", err, path+": ", msg)
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16be(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}
