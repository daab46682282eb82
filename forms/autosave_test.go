package forms

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/i18n"
)

// saveRecorder is a form's save function and state callback under test: it
// counts saves, records the value each save wrote, and the states reported.
type saveRecorder struct {
	mu     sync.Mutex
	value  int   // what the form holds now (set by the test, read by save)
	wrote  []int // the value of each save, in order
	states []saveState
	errs   []error
	fail   error         // returned by save while set
	block  chan struct{} // when set, save waits for it to close
	inSave chan struct{} // receives when a save begins
}

func newSaveRecorder() *saveRecorder { return &saveRecorder{inSave: make(chan struct{}, 16)} }

func (r *saveRecorder) set(v int) {
	r.mu.Lock()
	r.value = v
	r.mu.Unlock()
}

func (r *saveRecorder) save() error {
	r.mu.Lock()
	v, block, fail := r.value, r.block, r.fail
	r.mu.Unlock()
	r.inSave <- struct{}{}
	if block != nil {
		<-block
	}
	if fail != nil {
		return fail
	}
	r.mu.Lock()
	r.wrote = append(r.wrote, v)
	r.mu.Unlock()
	return nil
}

func (r *saveRecorder) state(s saveState, err error) {
	r.mu.Lock()
	r.states = append(r.states, s)
	r.errs = append(r.errs, err)
	r.mu.Unlock()
}

func (r *saveRecorder) saves() []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]int(nil), r.wrote...)
}

func (r *saveRecorder) last() (saveState, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.states) == 0 {
		return saveClean, nil
	}
	return r.states[len(r.states)-1], r.errs[len(r.errs)-1]
}

func (r *saveRecorder) lastState() saveState {
	s, _ := r.last()
	return s
}

func TestAutosaverCoalescesRapidChanges(t *testing.T) {
	test.NewTempApp(t)
	r := newSaveRecorder()
	a := newAutosaver(250*time.Millisecond, r.save, r.state)
	for i := 1; i <= 10; i++ {
		r.set(i)
		a.Changed()
		time.Sleep(5 * time.Millisecond)
	}
	assert.Equal(t, saveDirty, r.lastState())
	assert.Empty(t, r.saves(), "nothing is written while the officer types")
	require.Eventually(t, func() bool { return r.lastState() == saveSaved }, 2*time.Second, 5*time.Millisecond)
	time.Sleep(200 * time.Millisecond)
	assert.Equal(t, []int{10}, r.saves(), "one save, of the last value")
	r.mu.Lock()
	assert.Equal(t, []saveState{saveDirty, saveSaving, saveSaved}, r.states)
	r.mu.Unlock()
	assert.False(t, a.Pending())
}

func TestAutosaverFlushSavesAtOnce(t *testing.T) {
	test.NewTempApp(t)
	r := newSaveRecorder()
	a := newAutosaver(time.Second, r.save, r.state)
	require.NoError(t, a.Flush(), "nothing to save")
	assert.Empty(t, r.saves())

	r.set(7)
	a.Changed()
	require.NoError(t, a.Flush())
	assert.Equal(t, []int{7}, r.saves(), "saved before Flush returned")
	assert.Equal(t, saveSaved, r.lastState())
	time.Sleep(1200 * time.Millisecond)
	assert.Equal(t, []int{7}, r.saves(), "the debounce timer was cancelled")
}

func TestAutosaverDelayBounds(t *testing.T) {
	assert.Equal(t, defaultAutosaveDelay, newAutosaver(0, nil, nil).delay)
	assert.Equal(t, time.Second, newAutosaver(time.Minute, nil, nil).delay)
	assert.Equal(t, 200*time.Millisecond, newAutosaver(200*time.Millisecond, nil, nil).delay)
}

// A change made while a save is under way leads to another save, whether the
// debounce timer runs out during that save or after it.
func TestAutosaverChangeDuringSaveSavesAgain(t *testing.T) {
	for _, tc := range []struct {
		name  string
		delay time.Duration
		hold  time.Duration // how long the first save takes after the change
	}{
		{"timer runs out after the save", 300 * time.Millisecond, 0},
		{"timer runs out during the save", 20 * time.Millisecond, 150 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			test.NewTempApp(t)
			r := newSaveRecorder()
			release := make(chan struct{})
			r.block = release
			a := newAutosaver(tc.delay, r.save, r.state)

			r.set(1)
			a.Changed()
			<-r.inSave // the first save has begun and is stuck in the store
			assert.Equal(t, saveSaving, r.lastState(), "not saved until the store returns")
			r.mu.Lock()
			r.value, r.block = 2, nil
			r.mu.Unlock()
			a.Changed()
			time.Sleep(tc.hold)
			close(release)

			require.Eventually(t, func() bool { return len(r.saves()) == 2 }, 3*time.Second, 5*time.Millisecond)
			assert.Equal(t, []int{1, 2}, r.saves(), "the last edit is not lost")
			require.Eventually(t, func() bool { return r.lastState() == saveSaved }, time.Second, 5*time.Millisecond)
			r.mu.Lock()
			for i, s := range r.states[:len(r.states)-1] {
				if s == saveSaved {
					// A saved between the two saves would claim the edit is on
					// disk while it is not.
					assert.Fail(t, "saved reported while an edit was pending", "state %d of %v", i, r.states)
				}
			}
			r.mu.Unlock()
			assert.False(t, a.Pending())
		})
	}
}

func TestAutosaverFailureKeepsTheFormDirty(t *testing.T) {
	test.NewTempApp(t)
	r := newSaveRecorder()
	boom := errors.New("disk full")
	r.fail = boom
	a := newAutosaver(20*time.Millisecond, r.save, r.state)
	r.set(3)
	a.Changed()
	require.Eventually(t, func() bool { return r.lastState() == saveFailed }, 2*time.Second, 5*time.Millisecond)
	_, err := r.last()
	assert.ErrorIs(t, err, boom)
	assert.True(t, a.Pending(), "still dirty")
	assert.Empty(t, r.saves())

	// Flush tries again, and says it failed again.
	assert.ErrorIs(t, a.Flush(), boom)
	assert.True(t, a.Pending())

	// Once the store works, Flush writes the edit.
	r.mu.Lock()
	r.fail = nil
	r.mu.Unlock()
	require.NoError(t, a.Flush())
	assert.Equal(t, []int{3}, r.saves())
	assert.Equal(t, saveSaved, r.lastState())
	assert.False(t, a.Pending())
}

func TestAutosaverFlushWaitsForASaveUnderWay(t *testing.T) {
	test.NewTempApp(t)
	r := newSaveRecorder()
	release := make(chan struct{})
	r.block = release
	a := newAutosaver(10*time.Millisecond, r.save, r.state)
	r.set(1)
	a.Changed()
	<-r.inSave
	r.mu.Lock()
	r.value, r.block = 2, nil
	r.mu.Unlock()
	a.Changed()

	done := make(chan error)
	go func() { done <- a.Flush() }()
	select {
	case <-done:
		t.Fatal("Flush returned while a save was still in the store")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	require.NoError(t, <-done)
	assert.Equal(t, []int{1, 2}, r.saves(), "when Flush returns, the last edit is on disk")
}

func TestAutosaverSurvivesAPanickingSave(t *testing.T) {
	test.NewTempApp(t)
	var calls atomic.Int32
	var got atomic.Value
	a := newAutosaver(10*time.Millisecond, func() error {
		calls.Add(1)
		panic("bug in a form")
	}, func(s saveState, err error) {
		if s == saveFailed {
			got.Store(err)
		}
	})
	a.Changed()
	require.Eventually(t, func() bool { return got.Load() != nil }, 2*time.Second, 5*time.Millisecond)
	assert.Contains(t, got.Load().(error).Error(), "bug in a form")
	assert.Error(t, a.Flush())
}

func TestSaveIndicator(t *testing.T) {
	test.NewTempApp(t)
	require.NoError(t, i18n.SetLanguage(i18n.Japanese))
	s := newSaveIndicator()
	w := test.NewTempWindow(t, s)
	_ = w
	assert.False(t, s.label.Visible(), "nothing to say while clean")
	for _, tc := range []struct {
		state saveState
		text  string
	}{
		{saveDirty, "未保存"},
		{saveSaving, "保存中…"},
		{saveSaved, "保存済み"},
		{saveFailed, "保存に失敗"},
	} {
		s.SetState(tc.state, nil)
		assert.Equal(t, tc.text, s.label.Text)
		assert.True(t, s.label.Visible())
		assert.True(t, s.icon.Visible())
		assert.NotNil(t, s.icon.Resource)
	}
	boom := errors.New("disk full")
	s.SetState(saveFailed, boom)
	st, err := s.State()
	assert.Equal(t, saveFailed, st)
	assert.Equal(t, boom, err)
}
