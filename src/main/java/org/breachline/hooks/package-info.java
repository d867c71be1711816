/**
 * The framework-free core of the alert hooks: reading senders' payloads into {@link org.breachline.hooks.Alert}s
 * ({@link org.breachline.hooks.PayloadFormat}, {@link org.breachline.hooks.AlertParser}), authenticating deliveries
 * per source ({@link org.breachline.hooks.HookAuthenticator}), signing outgoing webhooks
 * ({@link org.breachline.hooks.StandardWebhookSigner}) and deciding which incident an alert belongs to
 * ({@link org.breachline.hooks.DedupPolicy}). Formats, schemes and the dedup rules are described in
 * {@code docs/alert-formats.md}. Only {@code java.*} and Jackson are used here; HTTP and storage are wired around it.
 */
package org.breachline.hooks;
