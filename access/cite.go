package access

import "github.com/puntodiascolto/ascolto/law"

// Acts cited by the package, in the short form law.Citation uses.
const (
	l241    = "L. 241/1990"
	dpr184  = "DPR 184/2006"
	dlgs33  = "D.Lgs. 33/2013"
	cpa     = "c.p.a."
	circFP  = "Circolare Funzione Pubblica 2/2017"
	anac    = "Delibera ANAC 1309/2016"
	dpr642  = "DPR 642/1972"
	cad     = "D.Lgs. 82/2005"
	urnL241 = "urn:nir:stato:legge:1990-08-07;241"
	urnD33  = "urn:nir:stato:decreto.legislativo:2013-03-14;33"
	urnD184 = "urn:nir:presidente.repubblica:decreto:2006-04-12;184"
)

func cl241(article, comma string) law.Citation {
	c := law.Cite(l241, article, comma)
	c.URN = urnL241
	return c
}

func cdpr(article, comma string) law.Citation {
	c := law.Cite(dpr184, article, comma)
	c.URN = urnD184
	return c
}

func cd33(article, comma string) law.Citation {
	c := law.Cite(dlgs33, article, comma)
	c.URN = urnD33
	return c
}

// Citations of the rules the package applies, named after what they do.
var (
	citeL241Art22      = cl241("22", "1")
	citeDocTerm        = cl241("25", "4")
	citeDocReasons     = cl241("25", "2")
	citeDocFees        = cl241("25", "1")
	citeDocSilence     = cl241("25", "4")
	citeDocDeferral    = cl241("24", "4")
	citeDocRemedies    = cl241("25", "4")
	citeStartNotice    = cl241("7", "1")
	citeDPRInformal    = cdpr("5", "1")
	citeDPRFormal      = cdpr("5", "6")
	citeDPRRequest     = cdpr("5", "2")
	citeDPRForward     = cdpr("6", "2")
	citeDPRTerm        = cdpr("6", "4")
	citeDPRIrregular   = cdpr("6", "5")
	citeDPRParties     = cdpr("3", "1")
	citeDPROpposition  = cdpr("3", "2")
	citeDPRAcceptance  = cdpr("7", "1")
	citeDPRRefusal     = cdpr("9", "1")
	citeDPRDeferral    = cdpr("9", "3")
	citeCivicTerm      = cd33("5", "6")
	citeCivicSimple    = cd33("5", "1")
	citeCivicParties   = cd33("5", "5")
	citeCivicRelease   = cd33("5", "6")
	citeCivicReview    = cd33("5", "7")
	citeCivicOmbudsman = cd33("5", "8")
	citeCivicPartyRem  = cd33("5", "9")
	citePartyReview    = cd33("5", "9").WithNote("riesame chiesto dal controinteressato ai sensi del c. 7")
	citePartyOmbudsman = cd33("5", "9").WithNote("ricorso del controinteressato al difensore civico ai sensi del c. 8")
	citeCivicBreach    = cd33("5", "10")
	citeCivicFees      = cd33("5", "4")
	citeCivicDeferral  = cd33("5-bis", "5")
	citeAppeal         = law.Cite(cpa, "116", "1")
	citeKnowledge      = law.Cite(cpa, "116", "1").WithNote("il termine decorre dalla conoscenza del provvedimento")
	citeForwardCirc    = law.Citation{Act: circFP, Note: "trasmissione tempestiva all'ufficio competente della stessa amministrazione", Confidence: law.Secondary}
	citeCompetent      = law.Citation{Act: circFP, Note: "ufficio competente ratione materiae", Confidence: law.Secondary}
	citeFormFields     = law.Citation{Act: circFP, Note: "All. 1 § 2: dati da includere nella modulistica", Confidence: law.Text}
	citeIdentity       = law.Cite(cad, "65", "1")
	citeGeneric        = law.Citation{Act: anac, Note: "§ 4.2: richiesta generica, invito a precisarne l'oggetto", Confidence: law.Secondary}
	citeRegister       = law.Citation{Act: anac, Note: "§ 9: registro degli accessi senza dati personali", Confidence: law.Text}
	citeReviewLate     = law.Citation{Note: "FAQ foia.gov.it: riesame oltre 30 giorni dal provvedimento, segnalato ma non respinto", Confidence: law.Policy}
	citeInternalLead   = law.Citation{Note: "termine interno fissato dall'ufficio in anticipo su quello di legge", Confidence: law.Policy}
	citeStamp          = law.Citation{Act: dpr642, Note: "Tariffa, parte I, art. 1: imposta di bollo sulle copie conformi", Confidence: law.Secondary}
	citeAdmin          = law.Citation{Note: "atto di amministrazione del fascicolo", Confidence: law.Policy}
)

// citeCivicOmbudsmanFiling is the source of the 30 days to go to the
// difensore civico on civic access: art. 5 c. 8 D.Lgs. 33/2013 sets no
// term, so the 30 days of art. 25 c. 4 L. 241/1990 ("nello stesso
// termine" of the TAR) apply by analogy [P].
var citeCivicOmbudsmanFiling = cl241("25", "4").WithNote("per analogia: l'art. 5 c. 8 D.Lgs. 33/2013 non fissa un termine per ricorrere al difensore civico").As(law.Policy)

// citeNoRestart is why forwarding a request inside the administration
// moves no term: the request was validly filed with any of its offices
// (art. 5 c. 3 D.Lgs. 33/2013 names the URP; art. 6 c. 4 DPR 184/2006
// restarts the documentale term only for a request received from another
// administration, c. 2), and the term runs from the filing (art. 5 c. 6
// D.Lgs. 33/2013; art. 25 c. 4 L. 241/1990).
var citeNoRestart = cd33("5", "6").WithNote("il termine decorre dalla presentazione dell'istanza all'amministrazione: la trasmissione interna non lo fa ripartire")

// citeTransferRestart is the basis of Policy.TransferRestart for
// documentale access: the 30 days run from the receipt of the request
// transmitted by another administration (art. 6 c. 2 and 4 DPR 184/2006).
var citeTransferRestart = citeDPRTerm.WithNote("richiesta trasmessa da altra amministrazione (c. 2): il termine decorre dalla ricezione")

// citeTransferPolicy is the basis of a restart on transfer the
// administration chose for civic access, where art. 5 c. 6 D.Lgs. 33/2013
// counts from the filing [P].
var citeTransferPolicy = cd33("5", "6").WithNote("termine fatto decorrere dalla ricezione della richiesta trasmessa da altra amministrazione: scelta dell'amministrazione").As(law.Policy)
