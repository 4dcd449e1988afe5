package sqlstore

import (
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/puntodiascolto/ascolto/history"
)

// encodeTags returns the tags column: a JSON array, NULL for none.
func encodeTags(tags []string) (any, error) {
	if len(tags) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(tags)
	if err != nil {
		return nil, fmt.Errorf("%w: tags: %v", history.ErrInvalid, err)
	}
	return string(b), nil
}

func decodeTags(col sql.NullString) ([]string, error) {
	if !col.Valid || col.String == "" {
		return nil, nil
	}
	var tags []string
	if err := json.Unmarshal([]byte(col.String), &tags); err != nil {
		return nil, err
	}
	if len(tags) == 0 {
		return nil, nil
	}
	return tags, nil
}
