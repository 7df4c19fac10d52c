package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/google/uuid"
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
// times of day and its newest article is from the last 24 hours (the news
// sitemap, which holds two days, is never empty); the scheduled articles
// by exactly now - demoAnchor (to the minute), so that they stay as far in
// the future as they were written. See shiftArchive for what else it sets.
func demoArchive(now time.Time) ([]byte, error) {
	exact := now.Sub(demoAnchor).Truncate(time.Minute)
	newest, err := newestArchived(demoJSON)
	if err != nil {
		return nil, err
	}
	days := now.Sub(newest).Truncate(24 * time.Hour)
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

// newestArchived returns the latest publish_at at or before demoAnchor in
// the import file data.
func newestArchived(data []byte) (time.Time, error) {
	var doc struct {
		Articles []struct {
			PublishAt *time.Time `json:"publish_at"`
		} `json:"articles"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return time.Time{}, fmt.Errorf("demo content: %w", err)
	}
	var newest time.Time
	for _, a := range doc.Articles {
		if a.PublishAt != nil && !a.PublishAt.After(demoAnchor) && a.PublishAt.After(newest) {
			newest = *a.PublishAt
		}
	}
	if newest.IsZero() {
		return time.Time{}, errors.New("demo content: no article published at or before the anchor")
	}
	return newest, nil
}

// demoIDs is the namespace of the IDs shiftArchive gives the demo's
// articles.
var demoIDs = uuid.MustParse("6f1c2b1e-8a57-4d0e-9a53-0c8e3f7d2b40")

// shiftArchive returns the import file data with every article's
// publish_at replaced by move(publish_at), and its updated_at moved as
// much (publish_at itself when the record has none: the demo's articles
// were not changed after they were published). Every article also gets an
// id made from its title, so that loading the content a second time, as
// a second instance starting at once may do, updates the same articles
// rather than adding copies. Articles without publish_at (drafts) keep
// their dates.
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
		var title string
		if err := json.Unmarshal(a["title"], &title); err != nil {
			return nil, fmt.Errorf("demo content: articles[%d].title: %w", i, err)
		}
		if _, ok := a["id"]; !ok {
			a["id"] = json.RawMessage(strconv.Quote(uuid.NewSHA1(demoIDs, []byte(title)).String()))
		}
		raw, ok := a["publish_at"]
		if !ok {
			continue
		}
		var published, updated time.Time
		if err := json.Unmarshal(raw, &published); err != nil {
			return nil, fmt.Errorf("demo content: articles[%d].publish_at: %w", i, err)
		}
		updated = published
		if raw, ok := a["updated_at"]; ok {
			if err := json.Unmarshal(raw, &updated); err != nil {
				return nil, fmt.Errorf("demo content: articles[%d].updated_at: %w", i, err)
			}
		}
		moved := move(published)
		for k, t := range map[string]time.Time{"publish_at": moved, "updated_at": updated.Add(moved.Sub(published))} {
			b, err := json.Marshal(t)
			if err != nil {
				return nil, fmt.Errorf("demo content: articles[%d].%s: %w", i, k, err)
			}
			a[k] = b
		}
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
