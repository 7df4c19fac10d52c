// Package admin is the newsroom's authenticated publishing API.
package admin
