package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/float64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type token struct{ creds *credentials }

// tokenModel: the attributes of flagship_token (TOKEN_BLOCK), in its order.
type tokenModel struct {
	ID                 types.String  `tfsdk:"id"`
	Scope              types.String  `tfsdk:"scope"`
	ExpiresIn          types.Int64   `tfsdk:"expires_in"`
	RotateBeforeExpiry types.Int64   `tfsdk:"rotate_before_expiry"`
	RotationPeriod     types.Int64   `tfsdk:"rotation_period"`
	Triggers           types.Map     `tfsdk:"triggers"`
	VerifyOnRefresh    types.Bool    `tfsdk:"verify_on_refresh"`
	TimeoutSeconds     types.Float64 `tfsdk:"timeout_seconds"`
	AccessToken        types.String  `tfsdk:"access_token"`
	RefreshToken       types.String  `tfsdk:"refresh_token"`
	TokenType          types.String  `tfsdk:"token_type"`
	GrantedScope       types.String  `tfsdk:"granted_scope"`
	IssuedAt           types.String  `tfsdk:"issued_at"`
	ExpiresAt          types.String  `tfsdk:"expires_at"`
	AccountID          types.String  `tfsdk:"account_id"`
	ClientID           types.String  `tfsdk:"client_id"`
	AuthURL            types.String  `tfsdk:"auth_url"`
}

func newToken() resource.Resource { return &token{} }

func (t *token) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_token"
}

func (t *token) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	kept := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	computed := func(sensitive bool) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, Sensitive: sensitive}
	}
	recorded := schema.StringAttribute{Computed: true, PlanModifiers: kept}
	resp.Schema = schema.Schema{
		Description: "flagship_token's shape: a token minted by create and update.",
		Attributes: map[string]schema.Attribute{
			"id":                   schema.StringAttribute{Computed: true, PlanModifiers: kept},
			"scope":                schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("*")},
			"expires_in":           schema.Int64Attribute{Optional: true, Computed: true, Default: int64default.StaticInt64(0)},
			"rotate_before_expiry": schema.Int64Attribute{Optional: true},
			"rotation_period":      schema.Int64Attribute{Optional: true},
			"triggers":             schema.MapAttribute{Optional: true, ElementType: types.StringType},
			"verify_on_refresh":    schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true)},
			"timeout_seconds":      schema.Float64Attribute{Optional: true, Computed: true, Default: float64default.StaticFloat64(10)},
			"access_token":         computed(true),
			"refresh_token":        computed(true),
			"token_type":           computed(false),
			"granted_scope":        computed(false),
			"issued_at":            computed(false),
			"expires_at":           computed(false),
			"account_id":           recorded,
			"client_id":            recorded,
			"auth_url":             recorded,
		},
	}
}

func (t *token) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	if d, ok := req.ProviderData.(*floorData); ok {
		t.creds = d.creds
	}
}

// mintInto mints with the model's settings and fills its computed attributes.
func (t *token) mintInto(ctx context.Context, m *tokenModel) error {
	got, err := t.creds.mint(ctx, m.Scope.ValueString(), m.ExpiresIn.ValueInt64(), m.TimeoutSeconds.ValueFloat64())
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	m.AccessToken = types.StringValue(got.AccessToken)
	m.RefreshToken = types.StringPointerValue(got.RefreshToken)
	m.TokenType = types.StringValue("Bearer")
	if got.TokenType != nil {
		m.TokenType = types.StringValue(*got.TokenType)
	}
	m.GrantedScope = m.Scope
	if got.Scope != nil {
		m.GrantedScope = types.StringValue(*got.Scope)
	}
	m.IssuedAt = types.StringValue(now.Format(time.RFC3339))
	m.ExpiresAt = types.StringNull()
	if got.ExpiresIn != nil && *got.ExpiresIn > 0 {
		m.ExpiresAt = types.StringValue(now.Add(time.Duration(*got.ExpiresIn) * time.Second).Format(time.RFC3339))
	}
	m.AccountID = types.StringValue(t.creds.accountID)
	m.ClientID = types.StringValue(t.creds.clientID)
	m.AuthURL = types.StringValue(t.creds.authURL)
	return nil
}

func (t *token) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m tokenModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := t.mintInto(ctx, &m); err != nil {
		resp.Diagnostics.AddError("Minting a token failed", err.Error())
		return
	}
	id := make([]byte, 16)
	_, _ = rand.Read(id)
	m.ID = types.StringValue(hex.EncodeToString(id))
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// Read: the refresh asks the token-info endpoint; a token the server no longer knows is gone.
func (t *token) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m tokenModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !m.VerifyOnRefresh.ValueBool() {
		return
	}
	ok, err := valid(ctx, m.AuthURL.ValueString(), m.AccessToken.ValueString(), m.TimeoutSeconds.ValueFloat64())
	if err != nil {
		resp.Diagnostics.AddWarning("The token could not be verified", err.Error())
		return
	}
	if !ok {
		resp.State.RemoveResource(ctx)
	}
}

func (t *token) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m tokenModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := t.mintInto(ctx, &m); err != nil {
		resp.Diagnostics.AddError("Minting a token failed", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// Delete forgets the token: the API cannot revoke one.
func (t *token) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
