package main

import (
	"context"
	"net/http"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// flag: gofloor_flag, flagship_flag's shape (core/resources/flag.ts): one POST /flags per create, one
// GET /flags/{id} per refresh (the simplest read: no list, no cache), one PATCH per update, one DELETE per
// delete, all with the process's one bearer token.
type flag struct{ api *apiClient }

type flagModel struct {
	ID               types.String `tfsdk:"id"`
	Name             types.String `tfsdk:"name"`
	Type             types.String `tfsdk:"type"`
	Description      types.String `tfsdk:"description"`
	Source           types.String `tfsdk:"source"`
	DefaultValue     types.String `tfsdk:"default_value"`
	PredefinedValues types.List   `tfsdk:"predefined_values"`
}

func newFlag() resource.Resource { return &flag{} }

func (f *flag) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_flag"
}

func (f *flag) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "flagship_flag's shape: a flag of the account.",
		Attributes: map[string]schema.Attribute{
			"id":                schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"name":              schema.StringAttribute{Required: true},
			"type":              schema.StringAttribute{Required: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"description":       schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("")},
			"source":            schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("manual")},
			"default_value":     schema.StringAttribute{Optional: true},
			"predefined_values": schema.ListAttribute{Optional: true, ElementType: types.StringType},
		},
	}
}

func (f *flag) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	if d, ok := req.ProviderData.(*floorData); ok {
		f.api = d.api
	}
}

// body: the flag's writable fields as the API names them; the optional ones only when set.
func (f *flag) body(ctx context.Context, m *flagModel) map[string]any {
	b := map[string]any{"name": m.Name.ValueString(), "type": m.Type.ValueString(), "description": m.Description.ValueString(), "source": m.Source.ValueString()}
	if !m.DefaultValue.IsNull() {
		b["default_value"] = m.DefaultValue.ValueString()
	}
	if !m.PredefinedValues.IsNull() {
		var values []string
		m.PredefinedValues.ElementsAs(ctx, &values, false)
		b["predefined_values"] = values
	}
	return b
}

func (f *flag) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m flagModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	got, _, err := f.api.call(ctx, http.MethodPost, "flags", f.body(ctx, &m))
	if err != nil {
		resp.Diagnostics.AddError("Creating a flag failed", err.Error())
		return
	}
	m.ID = types.StringValue(text(got, "id"))
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// Read: GET /flags/{id}; a 404 means gone. The server's name, type, description and source are kept.
func (f *flag) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m flagModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	got, status, err := f.api.call(ctx, http.MethodGet, "flags/"+url.PathEscape(m.ID.ValueString()), nil)
	if err != nil {
		resp.Diagnostics.AddError("Reading a flag failed", err.Error())
		return
	}
	if status == http.StatusNotFound {
		resp.State.RemoveResource(ctx)
		return
	}
	m.Name, m.Type = types.StringValue(text(got, "name")), types.StringValue(text(got, "type"))
	m.Description, m.Source = types.StringValue(text(got, "description")), types.StringValue(text(got, "source"))
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

func (f *flag) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m flagModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if _, _, err := f.api.call(ctx, http.MethodPatch, "flags/"+url.PathEscape(m.ID.ValueString()), f.body(ctx, &m)); err != nil {
		resp.Diagnostics.AddError("Updating a flag failed", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

func (f *flag) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m flagModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if _, _, err := f.api.call(ctx, http.MethodDelete, "flags/"+url.PathEscape(m.ID.ValueString()), nil); err != nil {
		resp.Diagnostics.AddError("Deleting a flag failed", err.Error())
	}
}
