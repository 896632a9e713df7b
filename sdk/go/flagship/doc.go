// Flagship (AB Tasty Feature Experimentation) API access tokens, minted and rotated by Pulumi.
package flagship
