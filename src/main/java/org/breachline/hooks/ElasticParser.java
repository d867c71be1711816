package org.breachline.hooks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the body rendered by Kibana's Webhook connector from the action template documented in
 * {@code docs/alert-formats.md}: {@code rule.*}, {@code alert.*}, {@code context.*}, {@code date} and a constant
 * {@code severity}.
 */
public final class ElasticParser implements AlertParser {

    @Override
    public List<Alert> parse(String source, byte[] body, Severity defaultSeverity) {
        PayloadNode root = PayloadNode.parseObject(body);
        PayloadNode rule = root.object("rule");
        PayloadNode alert = root.object("alert");
        Optional<PayloadNode> context = root.optionalObject("context");

        // rule.id + alert.id is Kibana's identity of an alert (alert.id is the group value, e.g. a user name, or
        // "query matched" for an ungrouped rule). alert.uuid names one activation only, so it is not used.
        String ruleId = rule.text("id");
        String alertId = alert.text("id");
        AlertStatus status = alert.text("actionGroup").equalsIgnoreCase("recovered")
                ? AlertStatus.RESOLVED : AlertStatus.FIRING;
        Optional<String> ruleName = rule.optionalText("name");

        String title = context.flatMap(c -> c.optionalText("title"))
                .or(() -> ruleName)
                .orElse("Kibana rule " + ruleId);
        String description = context.flatMap(c -> c.optionalText("message")).orElse(null);
        // Query rules have no severity, so the template carries a constant; security detection rules have
        // context.rule.severity.
        Severity severity = root.optionalText("severity")
                .or(() -> context.flatMap(c -> c.optionalObject("rule")).flatMap(r -> r.optionalText("severity")))
                .flatMap(Severity::fromSenderWord)
                .orElse(defaultSeverity);
        String link = HttpLink.firstOf(context.flatMap(c -> c.optionalText("link")).orElse(null),
                rule.optionalText("url").orElse(null));
        Instant happenedAt = context.flatMap(c -> c.optionalInstant("date"))
                .or(() -> root.optionalInstant("date"))
                .orElse(null);

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("rule.id", ruleId);
        ruleName.ifPresent(value -> labels.put("rule.name", value));
        rule.optionalText("type").ifPresent(value -> labels.put("rule.type", value));
        rule.optionalText("spaceId").ifPresent(value -> labels.put("rule.spaceId", value));
        // {{rule.tags}} renders the tag array joined with commas.
        rule.optionalText("tags").ifPresent(value -> labels.put("rule.tags", value));
        labels.put("alert.id", alertId);
        alert.optionalText("uuid").ifPresent(value -> labels.put("alert.uuid", value));

        return List.of(new Alert(source, DerivedFingerprint.of("kibana", ruleId, alertId), title, description,
                severity, status, labels, link,
                status == AlertStatus.FIRING ? happenedAt : null,
                status == AlertStatus.RESOLVED ? happenedAt : null,
                new RawPayload(body)));
    }
}
