package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/letter"
	"github.com/puntodiascolto/ascolto/office"
)

// writeLetters writes to out/lettere, as text and HTML, every letter the
// office sent on three of the requests the run found notable (the first
// three by what made them notable), written by package letter from their
// stored histories, and says where.
func writeLetters(ctx context.Context, w io.Writer, out string, store access.Store, svc *access.Service, dir *office.Directory, notable map[string]access.ID) error {
	lw, err := letter.New(letter.Options{Administration: "Roma Capitale", Office: "Ufficio Punto di Ascolto - Gabinetto del Sindaco",
		Address: "Via di San Marco 8, 00186 Roma", Contact: "ld.accesso.gabinetto@comune.roma.it", Directory: dir, Access: svc.Policy()})
	if err != nil {
		return err
	}
	var ids []access.ID
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range notable {
			if !yield(k) {
				return
			}
		}
	}) {
		if id := notable[k]; len(ids) < 3 && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	folder := filepath.Join(out, "lettere")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return err
	}
	files := 0
	for _, id := range ids {
		st, err := store.Load(ctx, id, 0)
		if err != nil {
			return err
		}
		ls, err := lw.Letters(st, svc.Calendar(), svc.Policy())
		if err != nil {
			return fmt.Errorf("letters of %s: %w", id, err)
		}
		for i, l := range ls {
			base := filepath.Join(folder, fmt.Sprintf("%s-%02d-%s", id, i+1, l.Kind))
			txt, err := lw.Text(l)
			if err != nil {
				return err
			}
			html, err := lw.HTML(l)
			if err != nil {
				return err
			}
			if err := os.WriteFile(base+".txt", []byte(txt), 0o644); err != nil {
				return err
			}
			if err := os.WriteFile(base+".html", []byte(html), 0o644); err != nil {
				return err
			}
			files += 2
		}
	}
	fmt.Fprintf(w, "Lettere dell'ufficio per %d richieste (%v): %d file in %s\n", len(ids), ids, files, folder)
	return nil
}
