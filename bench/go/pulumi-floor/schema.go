package main

// The Token's native schema (provider/native: `pulumi package get-schema`), without its descriptions, and
// the Flag's shape (core/resources/flag.ts), with the provider's apiUrl.
const schema = `{
  "name": "flagship",
  "version": "0.0.1",
  "config": {"variables": {
    "accountId": {"type": "string"}, "apiUrl": {"type": "string"}, "authUrl": {"type": "string"},
    "clientId": {"type": "string"}, "clientSecret": {"type": "string", "secret": true}
  }},
  "provider": {
    "properties": {
      "accountId": {"type": "string"}, "apiUrl": {"type": "string"}, "authUrl": {"type": "string"},
      "clientId": {"type": "string"}, "clientSecret": {"type": "string", "secret": true}
    },
    "inputProperties": {
      "accountId": {"type": "string"}, "apiUrl": {"type": "string"}, "authUrl": {"type": "string"},
      "clientId": {"type": "string"}, "clientSecret": {"type": "string", "secret": true}
    }
  },
  "resources": {"flagship:index:Token": {
    "properties": {
      "accessToken": {"type": "string", "secret": true}, "accountId": {"type": "string"},
      "authUrl": {"type": "string"}, "clientId": {"type": "string"}, "expiresAt": {"type": "string"},
      "expiresIn": {"type": "integer"}, "issuedAt": {"type": "string"},
      "refreshToken": {"type": "string", "secret": true}, "rotateBeforeExpiry": {"type": "integer"},
      "rotationPeriod": {"type": "integer"}, "scope": {"type": "string"}, "timeoutSeconds": {"type": "number"},
      "tokenType": {"type": "string"},
      "triggers": {"type": "object", "additionalProperties": {"type": "string"}},
      "verifyOnRefresh": {"type": "boolean"}
    },
    "required": ["accessToken", "tokenType", "scope", "expiresIn", "issuedAt", "accountId", "clientId", "authUrl"],
    "inputProperties": {
      "accountId": {"type": "string"}, "authUrl": {"type": "string"}, "clientId": {"type": "string"},
      "clientSecret": {"type": "string", "secret": true}, "expiresIn": {"type": "integer", "default": 0},
      "rotateBeforeExpiry": {"type": "integer"}, "rotationPeriod": {"type": "integer"},
      "scope": {"type": "string", "default": "*"}, "timeoutSeconds": {"type": "number", "default": 10},
      "triggers": {"type": "object", "additionalProperties": {"type": "string"}},
      "verifyOnRefresh": {"type": "boolean", "default": true}
    }
  },
  "flagship:index:Flag": {
    "properties": {
      "name": {"type": "string"}, "type": {"type": "string"}, "description": {"type": "string"},
      "source": {"type": "string"}, "defaultValue": {"type": "string"},
      "predefinedValues": {"type": "array", "items": {"type": "string"}}
    },
    "required": ["name", "type", "description", "source"],
    "inputProperties": {
      "name": {"type": "string"}, "type": {"type": "string"}, "description": {"type": "string", "default": ""},
      "source": {"type": "string", "default": "manual"}, "defaultValue": {"type": "string"},
      "predefinedValues": {"type": "array", "items": {"type": "string"}}
    },
    "requiredInputs": ["name", "type"]
  }}
}`
