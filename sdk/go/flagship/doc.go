// Flagship (AB Tasty Feature Experimentation): API access tokens minted and rotated by Pulumi, and the account's objects of the Remote Control API.
package flagship
