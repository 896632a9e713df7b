"""The example's program: one Flagship API access token, declared with the Python SDK.

It is a function so that ``__main__.py`` (for ``pulumi up``) and the engine tests (an Automation API
inline program, test/drivers/python/driver.py) run the very same code.

Stack config it reads:
  flagship:accountId, flagship:clientId, flagship:clientSecret (--secret), flagship:authUrl (optional)
    passed on when set; when a value is left out (None) the plugin reads the same stack config
    itself, then FLAGSHIP_ACCOUNT_ID, FLAGSHIP_CLIENT_ID, FLAGSHIP_CLIENT_SECRET, FLAGSHIP_AUTH_URL;
  scope (optional): space-separated scopes; default "*". Changing it mints a new token on the next up.
"""
import pulumi
import pulumi_flagship as flagship


def flagship_token() -> flagship.Token:
    credentials = pulumi.Config("flagship")
    config = pulumi.Config()

    token = flagship.Token(
        "ci",
        account_id=credentials.get("accountId"),
        client_id=credentials.get("clientId"),
        client_secret=credentials.get_secret("clientSecret"),  # stays secret end to end
        scope=config.get("scope"),
        expires_in=43_200,  # 12 hours
        rotate_before_expiry=3_600,  # the first `pulumi up` with less than 1 hour left mints a new one
    )

    # Secret: `pulumi stack output accessToken` shows [secret]; add --show-secrets to see it.
    pulumi.export("accessToken", token.access_token)
    # Not secret: safe to print, log and show in CI.
    pulumi.export("scope", token.scope)
    pulumi.export("issuedAt", token.issued_at)
    pulumi.export("expiresAt", token.expires_at)
    return token
