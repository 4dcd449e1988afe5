package law_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/puntodiascolto/ascolto/law"
)

func TestCitationString(t *testing.T) {
	tests := []struct {
		name string
		c    law.Citation
		want string
	}{
		{"act only", law.Citation{Act: "L. 151/2025"}, "L. 151/2025"},
		{"article", law.Cite("c.c.", "2963", ""), "art. 2963 c.c."},
		{"comma", law.Cite("D.Lgs. 33/2013", "5", "6"), "art. 5 c. 6 D.Lgs. 33/2013"},
		{"letter", law.Cite("D.Lgs. 33/2013", "5-bis", "2").WithLetter("a"), "art. 5-bis c. 2 lett. a D.Lgs. 33/2013"},
		{"note", law.Cite("c.p.c.", "155", "5").WithNote("Cons. St. V 3152/2011"), "art. 155 c. 5 c.p.c. (Cons. St. V 3152/2011)"},
		{"note only", law.Citation{Note: "prassi"}, "prassi"},
		{"zero", law.Citation{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.c.String())
		})
	}
}

func TestCitationIsZero(t *testing.T) {
	assert.True(t, law.Citation{}.IsZero())
	assert.False(t, law.Cite("L. 241/1990", "", "").IsZero())
	assert.False(t, law.Citation{Confidence: law.Policy}.IsZero())
}

func TestConfidenceString(t *testing.T) {
	assert.Equal(t, "T", law.Text.String())
	assert.Equal(t, "S", law.Secondary.String())
	assert.Equal(t, "P", law.Policy.String())
	assert.Equal(t, "?", law.Confidence(9).String())
}

func ExampleCitation() {
	c := law.Cite("D.Lgs. 33/2013", "5", "5").As(law.Text)
	fmt.Println(c, "["+c.Confidence.String()+"]")
	// Output: art. 5 c. 5 D.Lgs. 33/2013 [T]
}
