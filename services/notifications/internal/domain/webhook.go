package domain

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/events"
)

// ScopeWebhooks is the scope an integration client needs to register
// webhooks.
const ScopeWebhooks = auth.ScopeWebhooksWrite

// MinSecretLength keeps signing secrets out of guessing range.
const MinSecretLength = 16

// Delivery statuses.
const (
	DeliveryPending   = "pending"
	DeliveryDelivered = "delivered"
	DeliveryFailed    = "failed"
	DeliveryCancelled = "cancelled" // its webhook was deleted before it was delivered
)

// Bounds of a secret rotation's grace period, during which deliveries are
// signed under both the new and the replaced secret.
const (
	DefaultSecretGrace = 24 * time.Hour
	MaxSecretGrace     = 7 * 24 * time.Hour
)

// Webhook is an integration's subscription to events, delivered as signed
// CloudEvents POSTs to URL.
type Webhook struct {
	ID                  string
	OwnerID             string // the principal that registered it (user or client id)
	URL                 string
	EventTypes          []string
	Secret              string
	PreviousSecret      string     // the replaced secret, still signing until PreviousSecretUntil
	PreviousSecretUntil *time.Time // nil: no rotation pending
	Active              bool
	ConsecutiveFailures int
	CreatedAt           time.Time
	DisabledAt          *time.Time
}

// SigningSecrets are the secrets a delivery at now is signed under: the
// current one, and during a rotation's grace period the replaced one.
func (w Webhook) SigningSecrets(now time.Time) []string {
	if w.PreviousSecret != "" && w.PreviousSecretUntil != nil && now.Before(*w.PreviousSecretUntil) {
		return []string{w.Secret, w.PreviousSecret}
	}
	return []string{w.Secret}
}

// Delivery is one event owed to one webhook.
type Delivery struct {
	ID             string
	WebhookID      string
	EventID        string
	EventType      string
	Body           []byte
	Status         string
	Attempts       int
	LastStatusCode int
	LastError      string
	CreatedAt      time.Time
	DeliveredAt    *time.Time
	Log            []Attempt
}

// Attempt is one try of a delivery, for the delivery log.
type Attempt struct {
	Number     int
	At         time.Time
	StatusCode int // 0 when no response came
	Error      string
	Duration   time.Duration
}

// MayManageWebhooks reports whether p may register webhooks: an
// administrator, or an integration client granted the webhooks scope.
func MayManageWebhooks(p auth.Principal) bool {
	return p.HasRole(auth.RoleAdmin) || (p.IsClient() && p.HasScope(ScopeWebhooks))
}

// MaySeeWebhook reports whether p may see w and its deliveries: its owner,
// or an administrator.
func MaySeeWebhook(p auth.Principal, w Webhook) bool {
	return w.OwnerID == p.Subject || p.HasRole(auth.RoleAdmin)
}

// ValidateWebhook checks what a caller asks for, naming each bad field, and
// returns the URL parsed and the event types without repeats. Whether the
// URL's host may be reached is checked separately (it needs DNS).
func ValidateWebhook(rawURL string, types []string, secret string) (*url.URL, []string, error) {
	var v apperr.Validator
	u, err := url.Parse(strings.TrimSpace(rawURL))
	switch {
	case rawURL == "":
		v.Add("url", "is required")
	case err != nil:
		v.Add("url", "is not a URL")
	case u.Scheme != "http" && u.Scheme != "https":
		v.Add("url", "must be an http or https URL")
	case u.Hostname() == "":
		v.Add("url", "must name a host")
	case u.User != nil:
		v.Add("url", "must not carry credentials; the signature authenticates deliveries")
	}
	if len(types) == 0 {
		v.Add("event_types", "must name at least one event type")
	}
	var clean []string
	for _, t := range types {
		if !events.Known(t) {
			v.Add("event_types", "unknown event type "+quote(t)+"; use a short name such as task.assigned")
			continue
		}
		if !slices.Contains(clean, t) {
			clean = append(clean, t)
		}
	}
	checkSecret(&v, secret)
	if err := v.Err(); err != nil {
		return nil, nil, err
	}
	slices.Sort(clean)
	return u, clean, nil
}

func checkSecret(v *apperr.Validator, secret string) {
	switch {
	case secret == "":
		v.Add("secret", "is required")
	case len(secret) < MinSecretLength:
		v.Add("secret", "must be at least 16 characters")
	}
}

// Rotate makes secret w's signing secret; the replaced one keeps signing
// too until graceUntil (not at all when graceUntil is not after now).
func (w *Webhook) Rotate(secret string, graceUntil time.Time) {
	w.PreviousSecret, w.Secret = w.Secret, secret
	w.PreviousSecretUntil = &graceUntil
}

// ValidateRotation checks a new secret for w and the grace period asked
// for (nil: the default), and returns the grace period.
func ValidateRotation(w Webhook, secret string, graceSeconds *int) (time.Duration, error) {
	var v apperr.Validator
	checkSecret(&v, secret)
	if secret != "" && secret == w.Secret {
		v.Add("secret", "must differ from the current secret")
	}
	grace := DefaultSecretGrace
	if graceSeconds != nil {
		// Compared before the multiplication, which could overflow.
		if *graceSeconds < 0 || *graceSeconds > int(MaxSecretGrace/time.Second) {
			v.Add("grace_seconds", "must be between 0 and 604800 (7 days)")
		}
		grace = time.Duration(*graceSeconds) * time.Second
	}
	return grace, v.Err()
}

func quote(s string) string { return "\"" + s + "\"" }
