package sqlite

import (
	"errors"

	"github.com/osaki-city/kinkyu/data"
)

// SCAFFOLD: replaced by the meeting implementation (issue #5).
var errMeetingTODO = errors.New("meetings: not implemented yet")

func (s *Store) CreateMeeting(m *data.Meeting, timelineText string) error { return errMeetingTODO }
func (s *Store) SaveMeeting(m *data.Meeting, timelineText string) error   { return errMeetingTODO }
func (s *Store) Meeting(id int64) (data.Meeting, error)                   { return data.Meeting{}, errMeetingTODO }
func (s *Store) Meetings(caseID int64) ([]data.Meeting, error)            { return nil, errMeetingTODO }
func (s *Store) SaveAgendaItem(it *data.AgendaItem, timelineText string) error {
	return errMeetingTODO
}
func (s *Store) RemoveAgendaItem(id int64, timelineText string) error { return errMeetingTODO }
func (s *Store) Tasks(caseID int64) ([]data.Task, error)              { return nil, errMeetingTODO }
func (s *Store) SetTaskDone(id int64, done bool, timelineText string) error {
	return errMeetingTODO
}
