package main

import (
	"context"
	"net/http"
	"net/url"
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// flagship:index:Flag, the Flag's shape (core/resources/flag.ts): one POST /flags per create, one
// GET /flags/{id} per read (the simplest read: no list, no cache), one PATCH per update, one DELETE per
// delete, all with the process's one bearer token (api.go).
const flagType = "flagship:index:Flag"

// flagWire: the inputs and their names on the wire.
var flagWire = map[string]string{
	"name": "name", "type": "type", "description": "description", "source": "source",
	"defaultValue": "default_value", "predefinedValues": "predefined_values",
}

func isFlag(urn string) bool { return string(resource.URN(urn).Type()) == flagType }

func flagCheck(req *pulumirpc.CheckRequest) *pulumirpc.CheckResponse {
	news := unmarshal(req.GetNews(), kept)
	for k, v := range map[resource.PropertyKey]string{"description": "", "source": "manual"} {
		if _, ok := news[k]; !ok {
			news[k] = resource.NewProperty(v)
		}
	}
	return &pulumirpc.CheckResponse{Inputs: marshal(news)}
}

// flagDiff: a change of type re-creates the flag, any other change edits it.
func flagDiff(req *pulumirpc.DiffRequest) *pulumirpc.DiffResponse {
	olds, news := unmarshal(req.GetOldInputs(), plain), unmarshal(req.GetNews(), plain)
	var diffs, replaces []string
	for key := range flagWire {
		k := resource.PropertyKey(key)
		if !reflect.DeepEqual(olds[k].Mappable(), news[k].Mappable()) {
			diffs = append(diffs, key)
			if key == "type" {
				replaces = append(replaces, key)
			}
		}
	}
	if len(diffs) == 0 {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}
	}
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_SOME, Diffs: diffs, Replaces: replaces}
}

func flagBody(inputs *structpb.Struct) map[string]any {
	in := unmarshal(inputs, plain).Mappable()
	body := map[string]any{}
	for key, wire := range flagWire {
		if v, ok := in[key]; ok {
			body[wire] = v
		}
	}
	return body
}

func (p *floor) flagCreate(ctx context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	if req.GetPreview() {
		return &pulumirpc.CreateResponse{Properties: req.GetProperties()}, nil
	}
	got, _, err := p.api.call(ctx, http.MethodPost, "flags", flagBody(req.GetProperties()))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: text(got, "id"), Properties: req.GetProperties()}, nil
}

// flagRead: GET /flags/{id}; a 404 means gone. The server's name, type, description and source are kept.
func (p *floor) flagRead(ctx context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	got, status, err := p.api.call(ctx, http.MethodGet, "flags/"+url.PathEscape(req.GetId()), nil)
	if err != nil {
		return nil, err
	}
	if status == http.StatusNotFound {
		return &pulumirpc.ReadResponse{}, nil
	}
	state := unmarshal(req.GetProperties(), kept)
	for _, key := range []string{"name", "type", "description", "source"} {
		state[resource.PropertyKey(key)] = resource.NewProperty(text(got, key))
	}
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: marshal(state), Inputs: req.GetInputs()}, nil
}

func (p *floor) flagUpdate(ctx context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	if req.GetPreview() {
		return &pulumirpc.UpdateResponse{Properties: req.GetNews()}, nil
	}
	if _, _, err := p.api.call(ctx, http.MethodPatch, "flags/"+url.PathEscape(req.GetId()), flagBody(req.GetNews())); err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: req.GetNews()}, nil
}

func (p *floor) flagDelete(ctx context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	_, _, err := p.api.call(ctx, http.MethodDelete, "flags/"+url.PathEscape(req.GetId()), nil)
	return &emptypb.Empty{}, err
}
