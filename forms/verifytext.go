package forms

import (
	"fmt"
	"strings"
	"time"

	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

// SignatureStatus words the state of one signature: valid, changed after
// signing (by its own bytes or by a later revision), signed outside the
// certificate's validity, or a certificate that does not verify. The CLI and
// the verification dialog say the same.
func SignatureStatus(sg reports.SignatureReport, zone *time.Location) string {
	ja := i18n.Language() == i18n.Japanese
	switch {
	case sg.Valid && !sg.Modified:
		return i18n.T("cli.verify.valid")
	case sg.Problem == reports.ProblemChanged:
		return i18n.T("cli.verify.changed")
	case sg.Problem == reports.ProblemValidity && sg.Certificate != nil:
		return i18n.T("cli.verify.validity", map[string]any{
			"From": i18n.FormatDateTime(sg.Certificate.NotBefore.In(zone), ja),
			"To":   i18n.FormatDateTime(sg.Certificate.NotAfter.In(zone), ja)})
	case sg.Problem == reports.ProblemCert:
		return i18n.T("cli.verify.cert")
	case sg.Modified:
		return i18n.T("cli.verify.modified", map[string]any{"Problem": sg.Problem})
	default:
		return i18n.T("cli.verify.invalid", map[string]any{"Problem": sg.Problem})
	}
}

// RevisionLines lists every revision of the PDF: the original document, each
// signature's update, and any update that changes more than a signature.
func RevisionLines(revs []reports.Revision) []string {
	lines := []string{i18n.T("cli.verify.revisions", map[string]any{"Count": len(revs)})}
	for k, r := range revs {
		args := map[string]any{"N": k + 1, "Start": r.Start, "End": r.End}
		key := "cli.verify.revision_unsigned"
		switch {
		case len(r.Changes) > 0:
			key, args["Changes"] = "cli.verify.revision_changed", strings.Join(r.Changes, "; ")
		case k == 0:
			key = "cli.verify.revision_original"
		case len(r.Signatures) > 0:
			var n []string
			for _, s := range r.Signatures {
				n = append(n, fmt.Sprint(s+1))
			}
			key, args["Sigs"] = "cli.verify.revision_signed", strings.Join(n, ", ")
		}
		lines = append(lines, "  "+i18n.T(key, args))
	}
	return lines
}
