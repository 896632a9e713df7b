package main

// The Token's native schema (provider/native: `pulumi package get-schema`), without its descriptions.
const schema = `{
  "name": "flagship",
  "version": "0.0.1",
  "config": {"variables": {
    "accountId": {"type": "string"}, "authUrl": {"type": "string"},
    "clientId": {"type": "string"}, "clientSecret": {"type": "string", "secret": true}
  }},
  "provider": {
    "properties": {
      "accountId": {"type": "string"}, "authUrl": {"type": "string"},
      "clientId": {"type": "string"}, "clientSecret": {"type": "string", "secret": true}
    },
    "inputProperties": {
      "accountId": {"type": "string"}, "authUrl": {"type": "string"},
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
  }}
}`
