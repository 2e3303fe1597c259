package httpx

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/go-kit/kit/endpoint"
)

// StatusCoder lets a response choose its status (201 on create).
type StatusCoder interface{ StatusCode() int }

// EncodeJSON is the go-kit response encoder of every service: a response
// that failed (endpoint.Failer) goes through ErrorEncoder; otherwise it is
// written as JSON with its StatusCode or 200.
func EncodeJSON(ctx context.Context, w http.ResponseWriter, resp any) error {
	if f, ok := resp.(endpoint.Failer); ok && f.Failed() != nil {
		ErrorEncoder(ctx, f.Failed(), w)
		return nil
	}
	status := http.StatusOK
	if s, ok := resp.(StatusCoder); ok {
		status = s.StatusCode()
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if status == http.StatusNoContent {
		return nil
	}
	return json.NewEncoder(w).Encode(resp)
}

// Created wraps a value so that EncodeJSON answers 201 with it.
type Created[T any] struct{ V T }

func (c Created[T]) StatusCode() int              { return http.StatusCreated }
func (c Created[T]) MarshalJSON() ([]byte, error) { return json.Marshal(c.V) }
