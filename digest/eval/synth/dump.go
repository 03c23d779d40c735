package synth

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WriteSet writes each article's file into dir, and labels.tsv beside
// them: one row per labelled segment (file, line number among the
// file's blocks, kind, text), for people to read what was generated.
func WriteSet(dir string, articles []Article) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write synthetic set: %w", err)
	}
	for _, a := range articles {
		if err := os.WriteFile(filepath.Join(dir, a.Name), []byte(a.Text), 0o644); err != nil {
			return fmt.Errorf("write synthetic set: %w", err)
		}
	}
	f, err := os.Create(filepath.Join(dir, "labels.tsv"))
	if err != nil {
		return fmt.Errorf("write synthetic set: %w", err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "file\tblock\tkind\ttext")
	for _, a := range articles {
		for i, b := range a.Blocks {
			for _, s := range b.Segments {
				fmt.Fprintf(w, "%s\t%d\t%s\t%s\n", a.Name, i+1, s.Kind, strings.NewReplacer("\t", " ", "\n", " ").Replace(s.Text))
			}
		}
	}
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write synthetic set: %w", err)
	}
	return nil
}
