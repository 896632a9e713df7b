package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"reflect"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

type floor struct {
	pulumirpc.UnimplementedResourceProviderServer
	creds credentials
	api   *apiClient
}

var (
	plain = plugin.MarshalOptions{KeepUnknowns: true, SkipNulls: true}
	kept  = plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, SkipNulls: true}
)

func unmarshal(s *structpb.Struct, opts plugin.MarshalOptions) resource.PropertyMap {
	m, err := plugin.UnmarshalProperties(s, opts)
	if err != nil || m == nil {
		return resource.PropertyMap{}
	}
	return m
}

func marshal(m resource.PropertyMap) *structpb.Struct {
	s, err := plugin.MarshalProperties(m, kept)
	if err != nil {
		panic(err)
	}
	return s
}

func str(m resource.PropertyMap, key string) string {
	if v, ok := m[resource.PropertyKey(key)]; ok && v.IsString() {
		return v.StringValue()
	}
	return ""
}

func num(m resource.PropertyMap, key string) float64 {
	if v, ok := m[resource.PropertyKey(key)]; ok && v.IsNumber() {
		return v.NumberValue()
	}
	return 0
}

func (p *floor) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: "0.0.1"}, nil
}

func (p *floor) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	return &pulumirpc.GetSchemaResponse{Schema: schema}, nil
}

func (p *floor) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (p *floor) DiffConfig(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

// Configure: the provider's inputs (stack config flagship:*), else the config variables.
func (p *floor) Configure(_ context.Context, req *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	args := unmarshal(req.GetArgs(), plain)
	get := func(key string) string {
		if v := str(args, key); v != "" {
			return v
		}
		return req.GetVariables()["flagship:config:"+key]
	}
	p.creds = credentials{accountID: get("accountId"), clientID: get("clientId"), clientSecret: get("clientSecret"), authURL: get("authUrl")}
	p.api = &apiClient{creds: &p.creds, apiURL: get("apiUrl")}
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, SupportsPreview: true}, nil
}

// Check fills the Token's defaults.
func (p *floor) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	if isFlag(req.GetUrn()) {
		return flagCheck(req), nil
	}
	news := unmarshal(req.GetNews(), kept)
	defaults := resource.PropertyMap{
		"scope": resource.NewProperty("*"), "expiresIn": resource.NewProperty(0.0),
		"verifyOnRefresh": resource.NewProperty(true), "timeoutSeconds": resource.NewProperty(10.0),
	}
	for k, v := range defaults {
		if _, ok := news[k]; !ok {
			news[k] = v
		}
	}
	return &pulumirpc.CheckResponse{Inputs: marshal(news)}, nil
}

// Diff: an update in place when `triggers` change, else nothing.
func (p *floor) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	if isFlag(req.GetUrn()) {
		return flagDiff(req), nil
	}
	olds := unmarshal(req.GetOldInputs(), plain)["triggers"]
	news := unmarshal(req.GetNews(), plain)["triggers"]
	if reflect.DeepEqual(olds.Mappable(), news.Mappable()) {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
	}
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_SOME, Diffs: []string{"triggers"}}, nil
}

// outputs mints and returns the Token's outputs for these inputs.
func (p *floor) outputs(ctx context.Context, inputs *structpb.Struct) (resource.PropertyMap, error) {
	in := unmarshal(inputs, plain)
	got, err := p.creds.mint(ctx, str(in, "scope"), int64(num(in, "expiresIn")), num(in, "timeoutSeconds"))
	if err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	outs := unmarshal(inputs, kept)
	delete(outs, "clientSecret")
	outs["accessToken"] = resource.MakeSecret(resource.NewProperty(got.AccessToken))
	if got.RefreshToken != nil {
		outs["refreshToken"] = resource.MakeSecret(resource.NewProperty(*got.RefreshToken))
	}
	outs["tokenType"] = resource.NewProperty("Bearer")
	if got.TokenType != nil {
		outs["tokenType"] = resource.NewProperty(*got.TokenType)
	}
	if got.Scope != nil {
		outs["scope"] = resource.NewProperty(*got.Scope)
	}
	outs["issuedAt"] = resource.NewProperty(now.Format(time.RFC3339))
	if got.ExpiresIn != nil {
		outs["expiresIn"] = resource.NewProperty(float64(*got.ExpiresIn))
		if *got.ExpiresIn > 0 {
			outs["expiresAt"] = resource.NewProperty(now.Add(time.Duration(*got.ExpiresIn) * time.Second).Format(time.RFC3339))
		}
	}
	outs["accountId"] = resource.NewProperty(p.creds.accountID)
	outs["clientId"] = resource.NewProperty(p.creds.clientID)
	outs["authUrl"] = resource.NewProperty(p.creds.authURL)
	return outs, nil
}

func (p *floor) Create(ctx context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	if isFlag(req.GetUrn()) {
		return p.flagCreate(ctx, req)
	}
	if req.GetPreview() {
		return &pulumirpc.CreateResponse{Properties: req.GetProperties()}, nil
	}
	outs, err := p.outputs(ctx, req.GetProperties())
	if err != nil {
		return nil, err
	}
	id := make([]byte, 16)
	_, _ = rand.Read(id)
	return &pulumirpc.CreateResponse{Id: hex.EncodeToString(id), Properties: marshal(outs)}, nil
}

func (p *floor) Update(ctx context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	if isFlag(req.GetUrn()) {
		return p.flagUpdate(ctx, req)
	}
	if req.GetPreview() {
		return &pulumirpc.UpdateResponse{Properties: req.GetOlds()}, nil
	}
	outs, err := p.outputs(ctx, req.GetNews())
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: marshal(outs)}, nil
}

// Read: a refresh asks the token-info endpoint; a token the server no longer knows is gone.
func (p *floor) Read(ctx context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	if isFlag(req.GetUrn()) {
		return p.flagRead(ctx, req)
	}
	state := unmarshal(req.GetProperties(), plain)
	if v, ok := state["verifyOnRefresh"]; ok && v.IsBool() && !v.BoolValue() {
		return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
	}
	ok, err := valid(ctx, str(state, "authUrl"), str(state, "accessToken"), num(state, "timeoutSeconds"))
	if err != nil {
		return nil, err
	}
	if !ok {
		return &pulumirpc.ReadResponse{}, nil
	}
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
}

// Delete forgets a token (the API cannot revoke one); a flag is deleted.
func (p *floor) Delete(ctx context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	if isFlag(req.GetUrn()) {
		return p.flagDelete(ctx, req)
	}
	return &emptypb.Empty{}, nil
}

func (p *floor) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}
