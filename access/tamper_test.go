package access_test

import (
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/historytest"
	"github.com/puntodiascolto/ascolto/office"
)

// payloads gives, for every event type, the payload it carries, allocated
// on e.
var payloads = map[access.EventType]func(e *access.Event) any{
	access.EventReceived:                  func(e *access.Event) any { e.Filed = new(access.Filing); return e.Filed },
	access.EventIrregularityNotified:      func(e *access.Event) any { e.Irregularity = new(access.Irregularity); return e.Irregularity },
	access.EventFormalRequested:           func(e *access.Event) any { e.FormalRequest = new(access.FormalRequest); return e.FormalRequest },
	access.EventCorrected:                 func(e *access.Event) any { e.Correction = new(access.Correction); return e.Correction },
	access.EventAssigned:                  func(e *access.Event) any { e.Assignment = new(access.Assignment); return e.Assignment },
	access.EventForwarded:                 func(e *access.Event) any { e.Forwarding = new(access.Forwarding); return e.Forwarding },
	access.EventTransferred:               func(e *access.Event) any { e.Forwarding = new(access.Forwarding); return e.Forwarding },
	access.EventStartNotified:             func(e *access.Event) any { e.StartNotice = new(access.StartNotice); return e.StartNotice },
	access.EventDocumentsRequested:        func(e *access.Event) any { e.DocRequest = new(access.DocumentRequest); return e.DocRequest },
	access.EventDocumentsReceived:         func(e *access.Event) any { e.DocAnswer = new(access.DocumentAnswer); return e.DocAnswer },
	access.EventOfficeReminded:            func(e *access.Event) any { e.Reminder = new(access.Reminder); return e.Reminder },
	access.EventCounterInterestedNotified: func(e *access.Event) any { e.Notification = new(access.Notification); return e.Notification },
	access.EventNoticeReceived:            func(e *access.Event) any { e.PartyAct = new(access.PartyAct); return e.PartyAct },
	access.EventOppositionReceived:        func(e *access.Event) any { e.PartyAct = new(access.PartyAct); return e.PartyAct },
	access.EventDecided:                   func(e *access.Event) any { e.Ruling = new(access.Ruling); return e.Ruling },
	access.EventDecisionCommunicated:      func(e *access.Event) any { e.Communication = new(access.Communication); return e.Communication },
	access.EventAcceptanceReceived:        func(e *access.Event) any { e.PartyAct = new(access.PartyAct); return e.PartyAct },
	access.EventReleased:                  func(e *access.Event) any { e.Release = new(access.Release); return e.Release },
	access.EventPublished:                 func(e *access.Event) any { e.Release = new(access.Release); return e.Release },
	access.EventWithdrawn:                 func(e *access.Event) any { e.Note = new(access.Note); return e.Note },
	access.EventFeesCharged:               func(e *access.Event) any { e.Charge = new(access.Charge); return e.Charge },
	access.EventBreachReported:            func(e *access.Event) any { e.Note = new(access.Note); return e.Note },
	access.EventReviewFiled:               func(e *access.Event) any { e.Remedy = new(access.RemedyRequest); return e.Remedy },
	access.EventGaranteConsulted:          func(e *access.Event) any { e.Note = new(access.Note); return e.Note },
	access.EventGaranteAnswered:           func(e *access.Event) any { e.Note = new(access.Note); return e.Note },
	access.EventReviewDecided:             func(e *access.Event) any { e.ReviewRuling = new(access.ReviewRuling); return e.ReviewRuling },
	access.EventOmbudsmanFiled:            func(e *access.Event) any { e.Remedy = new(access.RemedyRequest); return e.Remedy },
	access.EventOmbudsmanDecided:          func(e *access.Event) any { e.OmbudsmanRuling = new(access.OmbudsmanRuling); return e.OmbudsmanRuling },
	access.EventOmbudsmanAnswered:         func(e *access.Event) any { e.Answer = new(access.AdministrationAnswer); return e.Answer },
	access.EventAppealFiled:               func(e *access.Event) any { e.Remedy = new(access.RemedyRequest); return e.Remedy },
	access.EventAppealDecided:             func(e *access.Event) any { e.AppealRuling = new(access.AppealRuling); return e.AppealRuling },
	access.EventSubstituteRequested:       func(e *access.Event) any { e.Substitution = new(access.SubstituteRequest); return e.Substitution },
	access.EventSubstituteDecided:         func(e *access.Event) any { e.Ruling = new(access.Ruling); return e.Ruling },
	access.EventPublicSubjectSet:          func(e *access.Event) any { e.Subject = new(access.PublicSubject); return e.Subject },
	access.EventClosed:                    func(e *access.Event) any { e.Note = new(access.Note); return e.Note },
}

// TestTamperEveryEventType: on a history holding every event type with
// every payload field set, every single-field edit, deletion, insertion,
// reorder and truncation is found by Verify (the hash covers all of an
// access event, issue 8).
func TestTamperEveryEventType(t *testing.T) {
	var recs []access.Record
	head := history.Head{}
	at := time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
	by := office.Actor{ID: "sportello", Role: office.FrontOffice, Office: "pda"}
	for i, typ := range access.EventTypes() {
		mk, ok := payloads[typ]
		if !ok {
			t.Fatalf("event type %q has no payload in this test: add it", typ)
		}
		e := access.Event{Type: typ}
		historytest.Fill(mk(&e), i)
		more, err := history.Extend(head, at.Add(time.Duration(i)*time.Hour), deadline.DateOf(at).AddDays(i), by, access.Generalizzato.Basis(), e)
		if err != nil {
			t.Fatalf("%s: %v", typ, err)
		}
		recs = append(recs, more...)
		head = history.Head{Version: len(recs), Hash: recs[len(recs)-1].Hash}
	}
	if len(payloads) != len(access.EventTypes()) {
		t.Fatalf("%d payloads for %d event types", len(payloads), len(access.EventTypes()))
	}
	n := historytest.Tamper(t, recs, head)
	t.Logf("%d tamperings of %d records, all found", n, len(recs))
}
