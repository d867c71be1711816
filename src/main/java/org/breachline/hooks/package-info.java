/**
 * The framework-free core of the alert hooks: reading senders' payloads into {@link org.breachline.hooks.Alert}s
 * ({@link org.breachline.hooks.PayloadFormat}, {@link org.breachline.hooks.AlertParser}), authenticating deliveries
 * per source ({@link org.breachline.hooks.HookAuthenticator}), signing outgoing webhooks
 * ({@link org.breachline.hooks.StandardWebhookSigner}) and deciding which incident an alert belongs to
 * ({@link org.breachline.hooks.DedupPolicy}). Formats, schemes and the dedup rules are described in
 * {@code docs/alert-formats.md}. That core uses only {@code java.*} and Jackson. Around it: alert sources
 * ({@link org.breachline.hooks.AlertSourceService}), the hook itself ({@link org.breachline.hooks.HookService}, which
 * stores every authenticated delivery and applies it to incidents through the incident service, locking one row per
 * (source, fingerprint)), dead letters, the queue for deliveries over a source's rate, and the outbound webhook
 * ({@link org.breachline.hooks.OutboundWebhookListener}, {@link org.breachline.hooks.OutboundDispatcher}).
 */
package org.breachline.hooks;
