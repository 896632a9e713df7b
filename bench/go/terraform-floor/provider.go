package main

import (
	"context"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type floorProvider struct{}

type providerModel struct {
	AccountID    types.String `tfsdk:"account_id"`
	ClientID     types.String `tfsdk:"client_id"`
	ClientSecret types.String `tfsdk:"client_secret"`
	AuthURL      types.String `tfsdk:"auth_url"`
	APIURL       types.String `tfsdk:"api_url"`
}

// floorData: what Configure hands the resources (the Token's credentials, the flags' API client).
type floorData struct {
	creds *credentials
	api   *apiClient
}

func newProvider() provider.Provider { return &floorProvider{} }

func (p *floorProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "gofloor"
}

func (p *floorProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "The benchmark's Go floor: flagship_token's shape on terraform-plugin-framework.",
		Attributes: map[string]schema.Attribute{
			"account_id":    schema.StringAttribute{Optional: true, Description: "Falls back to FLAGSHIP_ACCOUNT_ID."},
			"client_id":     schema.StringAttribute{Optional: true, Description: "Falls back to FLAGSHIP_CLIENT_ID."},
			"client_secret": schema.StringAttribute{Optional: true, Sensitive: true, Description: "Falls back to FLAGSHIP_CLIENT_SECRET."},
			"auth_url":      schema.StringAttribute{Optional: true, Description: "Falls back to FLAGSHIP_AUTH_URL."},
			"api_url":       schema.StringAttribute{Optional: true, Description: "Falls back to FLAGSHIP_API_URL."},
		},
	}
}

// orEnv: the argument when set, else the environment variable (as terraform-provider-flagship reads them).
func orEnv(v types.String, env string) string {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueString()
	}
	return os.Getenv(env)
}

func (p *floorProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := &credentials{
		accountID:    orEnv(m.AccountID, "FLAGSHIP_ACCOUNT_ID"),
		clientID:     orEnv(m.ClientID, "FLAGSHIP_CLIENT_ID"),
		clientSecret: orEnv(m.ClientSecret, "FLAGSHIP_CLIENT_SECRET"),
		authURL:      orEnv(m.AuthURL, "FLAGSHIP_AUTH_URL"),
	}
	resp.ResourceData = &floorData{creds: c, api: &apiClient{creds: c, apiURL: orEnv(m.APIURL, "FLAGSHIP_API_URL")}}
}

func (p *floorProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{newToken, newFlag}
}

func (p *floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
