"""The example's program: a Flagship project, a flag and a targeting key, declared with the Python SDK.

It is a function so that ``__main__.py`` (for ``pulumi up``) and the engine tests (an Automation API
inline program, test/drivers/python/driver.py) run the very same code.

Stack config it reads:
  flagship:accountId, flagship:clientId, flagship:clientSecret (--secret), flagship:authUrl and
    flagship:apiUrl (optional): read by the plugin itself for the default provider (then
    FLAGSHIP_ACCOUNT_ID, FLAGSHIP_CLIENT_ID, FLAGSHIP_CLIENT_SECRET, FLAGSHIP_AUTH_URL, FLAGSHIP_API_URL);
  flagName (optional): the flag's key; default "new-checkout". Changing it renames the flag in place;
  importFlagId (optional): the id of a flag that already exists on the server, named "legacy" and of
    type string: the program adopts it (the `import` resource option) instead of creating one.
"""
import pulumi
import pulumi_flagship as flagship


def flagship_flags() -> flagship.Flag:
    config = pulumi.Config()

    shop = flagship.Project("shop", name="web-shop")
    checkout = flagship.Flag(
        "checkout",
        name=config.get("flagName") or "new-checkout",
        type="boolean",
        description="The new checkout flow",
        default_value="false",  # values are text, as the API keeps them
        predefined_values=["true", "false"],
    )
    country = flagship.TargetingKey(
        "country",
        name="country",
        type="string",
        description="The visitor's country, ISO 3166-1 alpha-2",
    )

    legacy_id = config.get("importFlagId")
    if legacy_id:
        # The inputs must match what the server holds, or the import is refused.
        flagship.Flag("legacy", name="legacy", type="string", opts=pulumi.ResourceOptions(import_=legacy_id))

    # Every flag of the account, read once the flag above exists.
    flags = flagship.get_flags_output(opts=pulumi.InvokeOutputOptions(depends_on=[checkout]))

    pulumi.export("projectId", shop.id)
    pulumi.export("flagId", checkout.id)
    pulumi.export("flagName", checkout.name)
    pulumi.export("targetingKeyId", country.id)
    pulumi.export("flags", flags.items)
    return checkout
