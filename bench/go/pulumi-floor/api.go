package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
)

// apiClient: the Remote Control API ({apiURL}/v1/accounts/{accountID}/…) with one bearer token per process,
// minted with the client credentials on its first call and kept (a floor's commands are short: no re-mint).
// No retries, no paging, no cache: one request per call. The same file in both Go floors.
type apiClient struct {
	creds  *credentials
	apiURL string
	mu     sync.Mutex
	bearer string
}

func (a *apiClient) token(ctx context.Context) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.bearer == "" {
		m, err := a.creds.mint(ctx, "*", 3600, 10)
		if err != nil {
			return "", err
		}
		a.bearer = m.AccessToken
	}
	return a.bearer, nil
}

// call sends one request on path (under the account) with body as JSON (nil: no body); it returns the
// answer's JSON object (nil when empty) and its status. A status other than 2xx and 404 is an error.
func (a *apiClient) call(ctx context.Context, method, path string, body any) (map[string]any, int, error) {
	bearer, err := a.token(ctx)
	if err != nil {
		return nil, 0, err
	}
	ctx, cancel := withTimeout(ctx, 10)
	defer cancel()
	var reader io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		reader = bytes.NewReader(raw)
	}
	u := fmt.Sprintf("%s/v1/accounts/%s/%s", a.apiURL, url.PathEscape(a.creds.accountID), path)
	req, err := http.NewRequestWithContext(ctx, method, u, reader)
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("Authorization", "Bearer "+bearer)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	if res.StatusCode != http.StatusNotFound && (res.StatusCode < 200 || res.StatusCode > 299) {
		return nil, res.StatusCode, fmt.Errorf("%s %s answered %d", method, path, res.StatusCode)
	}
	return out, res.StatusCode, nil
}

// text is the object's string field, "" when absent or not a string.
func text(o map[string]any, key string) string {
	s, _ := o[key].(string)
	return s
}
