package org.breachline.hooks;

/**
 * Decides whether a delivery comes from the alert source it is addressed to; one instance per source, built from the
 * source's {@link AuthScheme} and its stored secret.
 *
 * <p>Call it before parsing the body, with the body exactly as received. All comparisons of secrets and MACs are
 * constant-time. An authenticator with replay protection records message ids through {@link SeenWebhookIds}, so call
 * it inside the transaction that stores the delivery (see there).
 */
public sealed interface HookAuthenticator
        permits StandardWebhooksAuthenticator, BearerAuthenticator, SecretPathAuthenticator, GrafanaHmacAuthenticator,
        RotatedSecretAuthenticator {

    AuthOutcome authenticate(HookRequest request);

    AuthScheme scheme();
}
