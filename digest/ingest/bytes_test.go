package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// TestBytesIsReadFile: a file's bytes given to Bytes make the document
// reading the file makes, so an evaluation that builds files in memory
// takes a dropped file's path.
func TestBytesIsReadFile(t *testing.T) {
	for _, name := range []string{"utf8.html", "latin1.htm", "notes.txt", "sub/wrong-charset.HTML"} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join("testdata", "html", filepath.FromSlash(name))
			want, err := ReadFile(p, digest.OriginFile, 0)
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Bytes(p, data, digest.OriginFile)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Bytes = %+v\nReadFile = %+v", got, want)
			}
		})
	}
}

func TestBytesRefusesEmpty(t *testing.T) {
	_, err := Bytes("empty.txt", nil, digest.OriginFile)
	var fe *FileError
	if !errors.Is(err, ErrEmpty) || !errors.As(err, &fe) || fe.Path != "empty.txt" {
		t.Errorf("Bytes(empty) = %v, want ErrEmpty naming empty.txt", err)
	}
}
