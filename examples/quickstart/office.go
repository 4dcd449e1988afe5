package main

import "github.com/puntodiascolto/ascolto/office"

// Roma Capitale as the simulation sees it: the Punto di Ascolto, the RPCT,
// a few departments competent ratione materiae, a Municipio, the secretariats
// that answer petitions, and two city companies outside the administration.
func directory() (*office.Directory, error) {
	return office.NewDirectory(
		office.Office{ID: "pda", Name: "Ufficio Punto di Ascolto - Gabinetto del Sindaco", Email: "ld.gabinetto@comune.roma.it"},
		office.Office{ID: "rpct", Name: "Segretariato Generale - RPCT"},
		office.Office{ID: "dip-mobilita", Name: "Dipartimento Mobilità Sostenibile e Trasporti", Matters: []string{"mobilità"}, Keywords: []string{"ZTL", "semaforo", "strisce", "parcheggio", "autobus"}},
		office.Office{ID: "csimu", Name: "Dipartimento CSIMU - Manutenzione stradale", Matters: []string{"strade"}, Keywords: []string{"buca", "buche", "marciapiede", "asfalto"}},
		office.Office{ID: "dip-urbanistica", Name: "Dipartimento Programmazione e Attuazione Urbanistica", Matters: []string{"urbanistica"}, Keywords: []string{"permesso", "cantiere", "variante"}},
		office.Office{ID: "dip-sociale", Name: "Dipartimento Politiche Sociali", Matters: []string{"sociale"}, Keywords: []string{"assistenza", "anziani", "disabilità"}},
		office.Office{ID: "dip-ambiente", Name: "Dipartimento Tutela Ambientale", Matters: []string{"verde"}, Keywords: []string{"alberi", "potatura", "parco"}},
		office.Office{ID: "municipio-vii", Name: "Municipio VII", Matters: []string{"municipio"}},
		office.Office{ID: "segreteria-sindaco", Name: "Segreteria del Sindaco"},
		office.Office{ID: "segretariato-assemblea", Name: "Segretariato Generale - Ufficio dell'Assemblea Capitolina"},
		office.Office{ID: "ama", Name: "AMA S.p.A.", Matters: []string{"rifiuti"}, Keywords: []string{"cassonetto", "rifiuti"}, External: true},
		office.Office{ID: "atac", Name: "ATAC S.p.A.", Matters: []string{"trasporto pubblico"}, Keywords: []string{"autobus", "metro"}, External: true},
	)
}

var (
	desk = office.Actor{ID: "f.bianchi", Role: office.FrontOffice, Office: "pda"}
	rpct = office.Actor{ID: "s.generale", Role: office.RPCT, Office: "rpct"}
	// outside records acts that come from outside: a citizen's PEC, a
	// counter-interested party's opposition, the court's ruling.
	outside = office.Actor{ID: "protocollo", Role: office.External}
)

// officer acts for office id.
func officer(id office.ID) office.Actor {
	return office.Actor{ID: "funzionario." + string(id), Role: office.CompetentOffice, Office: id}
}
