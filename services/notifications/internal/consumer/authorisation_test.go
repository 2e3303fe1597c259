package consumer_test

import (
	"slices"
	"strings"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// An authorisation's grant and revocation are told to both its people
// (DOMAIN.md: both see it), once each; someone who left is not told.
func TestAuthorisationTellsBothPeople(t *testing.T) {
	granted := &eventsv1.AuthorisationGranted{AuthorisationId: "au1", AgencyId: "stttt", GrantorId: "l1",
		GrantorName: "Giám đốc A", GranteeId: "s", GranteeName: "Chuyên viên B", ValidFrom: "2022-03-01",
		ValidTo: "2022-03-05", Kinds: []string{"decision", "report"}, Scope: "sign"}
	toLeft := proto.Clone(granted).(*eventsv1.AuthorisationGranted)
	toLeft.AuthorisationId, toLeft.GranteeId = "au2", "x"
	tests := []struct {
		name    string
		short   string
		payload proto.Message
		want    []string
		body    string
	}{
		{"granted", events.AuthorisationGranted, granted, []string{"l1", "s"},
			"Giám đốc A ủy quyền cho Chuyên viên B ký thừa ủy quyền (TUQ.) các văn bản: Quyết định, Báo cáo, từ ngày 01/03/2022 đến hết ngày 05/03/2022."},
		{"revoked, names from the directory", events.AuthorisationRevoked,
			&eventsv1.AuthorisationRevoked{AuthorisationId: "au1", AgencyId: "stttt", GrantorId: "l1", GranteeId: "s", RevokedBy: "l1", Scope: "sign"},
			[]string{"l1", "s"}, "Ủy quyền của Người l1 cho Người s đã bị thu hồi; từ nay không còn hiệu lực."},
		{"to someone who left", events.AuthorisationGranted, toLeft, []string{"l1"}, ""},
	}
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		f := newFixture(t, db)
		rulesDirectory(f)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				f.t = t
				clearNotifications(t, db)
				ev := f.event(tt.short, "au1", now, tt.payload)
				f.mustHandle(ev)
				f.mustHandle(ev) // redelivered: nobody is told twice
				got := namedNotified(t, f)
				var who []string
				for p, bodies := range got {
					who = append(who, p)
					if len(bodies) != 1 || (tt.body != "" && bodies[0] != tt.body) {
						t.Errorf("%s told %q", p, bodies)
					}
				}
				if strings.Join(slices.Sorted(slices.Values(who)), ",") != strings.Join(tt.want, ",") {
					t.Fatalf("told %v, want %v", who, tt.want)
				}
			})
		}
	})
}
