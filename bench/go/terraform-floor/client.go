package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

type credentials struct {
	accountID, clientID, clientSecret, authURL string
}

type minted struct {
	AccessToken  string  `json:"access_token"`
	RefreshToken *string `json:"refresh_token"`
	TokenType    *string `json:"token_type"`
	Scope        *string `json:"scope"`
	ExpiresIn    *int64  `json:"expires_in"`
}

// One keep-alive client for the process, as the Token's shared dispatcher.
var client = &http.Client{}

func withTimeout(ctx context.Context, seconds float64) (context.Context, context.CancelFunc) {
	if seconds <= 0 {
		seconds = 10
	}
	return context.WithTimeout(ctx, time.Duration(seconds*float64(time.Second)))
}

// mint: POST {authUrl}/{accountId}/token?expires_in=N with the client credentials.
func (c *credentials) mint(ctx context.Context, scope string, expiresIn int64, timeout float64) (*minted, error) {
	ctx, cancel := withTimeout(ctx, timeout)
	defer cancel()
	body, _ := json.Marshal(map[string]string{
		"grant_type": "client_credentials", "scope": scope, "client_id": c.clientID, "client_secret": c.clientSecret,
	})
	u := fmt.Sprintf("%s/%s/token?expires_in=%d", c.authURL, url.PathEscape(c.accountID), expiresIn)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return nil, fmt.Errorf("minting a token: POST %s/%s/token answered %d", c.authURL, c.accountID, res.StatusCode)
	}
	var m minted
	if err := json.NewDecoder(res.Body).Decode(&m); err != nil || m.AccessToken == "" {
		return nil, fmt.Errorf("minting a token: no access_token in the answer")
	}
	return &m, nil
}

// valid: GET {authUrl}/token?access_token=…; false on 401 (the server no longer knows the token).
func valid(ctx context.Context, authURL, accessToken string, timeout float64) (bool, error) {
	ctx, cancel := withTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, authURL+"/token?access_token="+url.QueryEscape(accessToken), nil)
	if err != nil {
		return false, err
	}
	res, err := client.Do(req)
	if err != nil {
		return false, err
	}
	defer res.Body.Close()
	var info map[string]any
	_ = json.NewDecoder(res.Body).Decode(&info)
	switch {
	case res.StatusCode == http.StatusUnauthorized:
		return false, nil
	case res.StatusCode < 200 || res.StatusCode > 299:
		return false, fmt.Errorf("token info: GET %s/token answered %d", authURL, res.StatusCode)
	}
	return true, nil
}
