package sqlite

import (
	"errors"
	"time"

	"github.com/osaki-city/kinkyu/data"
)

// SCAFFOLD: replaced by the contact network implementation (issue #6).
var errContactsTODO = errors.New("contacts: not implemented yet")

func (s *Store) ContactPoints() ([]data.ContactPoint, error) { return nil, errContactsTODO }
func (s *Store) ContactPoint(id int64) (data.ContactPoint, error) {
	return data.ContactPoint{}, errContactsTODO
}
func (s *Store) SaveContactPoint(p *data.ContactPoint) error         { return errContactsTODO }
func (s *Store) RemoveContactPoint(id int64) error                   { return errContactsTODO }
func (s *Store) MarkChangesReported(ids []int64, at time.Time) error { return errContactsTODO }
func (s *Store) RecordCall(c *data.Call, timelineText string) error  { return errContactsTODO }
func (s *Store) Calls(caseID int64) ([]data.Call, error)             { return nil, errContactsTODO }
func (s *Store) ReplaceContactPoints(ps []data.ContactPoint) error   { return errContactsTODO }
func (s *Store) ContactChanges(pointID int64, unreportedOnly bool) ([]data.ContactChange, error) {
	return nil, errContactsTODO
}
