package main

import (
	"container/heap"
	"math/rand/v2"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
)

// A sim runs the office's acts in the order they happen: each case schedules
// its next act when the previous one is done, and the clock the services read
// is moved to each act's instant before it runs. Every procedure therefore
// sees a consistent, monotonic clock, as in production.
type sim struct {
	now   time.Time
	end   time.Time
	rng   *rand.Rand
	queue tasks
	seq   int
}

type task struct {
	at  time.Time
	seq int
	do  func() error
}

type tasks []task

func (t tasks) Len() int { return len(t) }
func (t tasks) Less(i, j int) bool {
	if !t[i].at.Equal(t[j].at) {
		return t[i].at.Before(t[j].at)
	}
	return t[i].seq < t[j].seq
}
func (t tasks) Swap(i, j int) { t[i], t[j] = t[j], t[i] }
func (t *tasks) Push(x any)   { *t = append(*t, x.(task)) }
func (t *tasks) Pop() any {
	old := *t
	x := old[len(old)-1]
	*t = old[:len(old)-1]
	return x
}

func newSim(seed uint64, end time.Time) *sim {
	return &sim{end: end, rng: rand.New(rand.NewPCG(seed, 0x5eed))}
}

// clock is what the services read.
func (s *sim) clock() time.Time { return s.now }

// at schedules do at instant t; acts after the end of the simulation are
// dropped: they have not happened yet on the day the report is made.
func (s *sim) at(t time.Time, do func() error) {
	if t.After(s.end) {
		return
	}
	s.seq++
	heap.Push(&s.queue, task{at: t, seq: s.seq, do: do})
}

// after schedules do on the first office day at least days after the
// current instant, at a random office hour.
func (s *sim) after(days int, do func() error) {
	t := s.officeTime(deadline.DateOf(s.now).AddDays(days))
	if !t.After(s.now) {
		t = s.now.Add(time.Duration(5+s.rng.IntN(55)) * time.Minute)
	}
	s.at(t, do)
}

// officeTime returns a random instant between 9:00 and 17:00 (Rome) on the
// first weekday from d on that is not a holiday in Rome.
func (s *sim) officeTime(d deadline.Date) time.Time {
	rome := deadline.Rome()
	for d.Weekday() == time.Saturday || rome.IsOfficeClosed(d) {
		d = d.AddDays(1)
	}
	return romeTime(d, 9+s.rng.IntN(8), s.rng.IntN(60))
}

// run executes every scheduled act in time order.
func (s *sim) run() error {
	for s.queue.Len() > 0 {
		t := heap.Pop(&s.queue).(task)
		s.now = t.at
		if err := t.do(); err != nil {
			return err
		}
	}
	return nil
}

// romeTime returns hh:mm in Rome on day d. Rome is UTC+2 from the last
// Sunday of March to the last Sunday of October, UTC+1 otherwise; the
// deadline package converts back the same way on any machine.
func romeTime(d deadline.Date, hh, mm int) time.Time {
	y := d.Year()
	start := lastSunday(y, time.March)
	end := lastSunday(y, time.October)
	offset := 1
	if !d.Before(start) && d.Before(end) {
		offset = 2
	}
	return time.Date(y, d.Month(), d.Day(), hh, mm, 0, 0, time.FixedZone("Roma", offset*3600))
}

func lastSunday(y int, m time.Month) deadline.Date {
	d := deadline.MustDate(y, m+1, 1).AddDays(-1)
	for d.Weekday() != time.Sunday {
		d = d.AddDays(-1)
	}
	return d
}

// chance reports true with probability p.
func (s *sim) chance(p float64) bool { return s.rng.Float64() < p }

// between returns a random int in [lo, hi].
func (s *sim) between(lo, hi int) int { return lo + s.rng.IntN(hi-lo+1) }

// step is one act of a case, days after the previous one.
type step struct {
	days int
	do   func() error
}

// chain runs steps one after the other: each is scheduled, days after the
// previous one happened, only once that one is done, so a case's acts keep
// their order whatever the weekends and holidays in between.
func (s *sim) chain(steps ...step) {
	if len(steps) == 0 {
		return
	}
	s.after(steps[0].days, func() error {
		if err := steps[0].do(); err != nil {
			return err
		}
		s.chain(steps[1:]...)
		return nil
	})
}
