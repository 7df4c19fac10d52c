package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"time"
)

// demoJSON is the demo content in the orgnews import format (version 1):
// categories and articles of a fictional provincial Department of Science
// and Technology, written for the demo.
//
//go:embed content/demo.json
var demoJSON []byte

// demoAnchor is the instant demo.json was written for: articles published
// at or before it are the archive, those after it are scheduled. The demo
// moves the dates so that a fresh demo always has news from today and
// scheduled articles still to come.
var demoAnchor = time.Date(2026, 11, 27, 9, 0, 0, 0, time.FixedZone("ICT", 7*60*60))

// demoArchive returns demo.json with its dates moved to now: the archive
// (publish_at at or before demoAnchor) by whole days, so that it keeps its
// times of day and its newest article is from today at the latest; the
// scheduled articles by exactly now - demoAnchor (to the minute), so that
// they stay as far in the future as they were written. Only publish_at
// changes; the rest of each record, and the format, are kept as they are.
func demoArchive(now time.Time) ([]byte, error) {
	exact := now.Sub(demoAnchor).Truncate(time.Minute)
	days := exact.Truncate(24 * time.Hour)
	if exact < 0 {
		days = exact // a clock before the anchor: move everything back alike
	}
	return shiftArchive(demoJSON, func(t time.Time) time.Time {
		if t.After(demoAnchor) {
			return t.Add(exact)
		}
		return t.Add(days)
	})
}

// shiftArchive returns the import file data with every article's
// publish_at replaced by move(publish_at). Articles without publish_at
// (drafts) are left alone.
func shiftArchive(data []byte, move func(time.Time) time.Time) ([]byte, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("demo content: %w", err)
	}
	var articles []map[string]json.RawMessage
	if err := json.Unmarshal(doc["articles"], &articles); err != nil {
		return nil, fmt.Errorf("demo content: articles: %w", err)
	}
	for i, a := range articles {
		raw, ok := a["publish_at"]
		if !ok {
			continue
		}
		var t time.Time
		if err := json.Unmarshal(raw, &t); err != nil {
			return nil, fmt.Errorf("demo content: articles[%d].publish_at: %w", i, err)
		}
		shifted, err := json.Marshal(move(t))
		if err != nil {
			return nil, fmt.Errorf("demo content: articles[%d].publish_at: %w", i, err)
		}
		a["publish_at"] = shifted
	}
	out, err := json.Marshal(articles)
	if err != nil {
		return nil, fmt.Errorf("demo content: %w", err)
	}
	doc["articles"] = out
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("demo content: %w", err)
	}
	return buf.Bytes(), nil
}
