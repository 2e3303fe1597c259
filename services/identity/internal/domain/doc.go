// Package domain holds identity's entities and rules: units (agencies and
// divisions), users with their roles, password hashing and policy, and who
// may administer. It knows nothing of HTTP or SQL.
package domain
