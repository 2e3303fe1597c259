package apperr

import (
	"errors"
	"fmt"
	"testing"
)

func TestKindsMatchThroughWrapping(t *testing.T) {
	tests := []struct {
		err  error
		kind error
	}{
		{Invalid("x"), ErrInvalid},
		{NotFound("document"), ErrNotFound},
		{Forbidden("x"), ErrForbidden},
		{Unauthorized("x"), ErrUnauthorized},
		{Conflict("x", "issued"), ErrConflict},
	}
	for _, tt := range tests {
		wrapped := fmt.Errorf("issue document: %w", tt.err)
		if !errors.Is(wrapped, tt.kind) {
			t.Errorf("%v is not %v", wrapped, tt.kind)
		}
		if _, ok := As(wrapped); !ok {
			t.Errorf("As(%v) failed", wrapped)
		}
	}
}

func TestValidator(t *testing.T) {
	var v Validator
	if v.Err() != nil {
		t.Fatal("empty validator has an error")
	}
	v.Check(true, "a", "fine")
	v.Check(false, "kind", "unknown kind")
	v.Add("summary", "required")
	e, ok := As(v.Err())
	if !ok || !errors.Is(e, ErrInvalid) || len(e.Fields) != 2 || e.Fields[0].Field != "kind" {
		t.Fatalf("got %+v", e)
	}
	if c, _ := As(Conflict("x", "issued")); c.CurrentStatus != "issued" {
		t.Fatalf("current status lost: %+v", c)
	}
}
