package org.breachline.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The answer to an accepted delivery: {@code processed}, {@code queued} or {@code duplicate}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HookReceipt(String status, Long deliveryId, List<AlertResult> alerts) {

    static HookReceipt of(HookOutcome outcome) {
        if (outcome instanceof HookOutcome.Processed p) {
            return new HookReceipt("processed", p.deliveryId(), p.alerts());
        } else if (outcome instanceof HookOutcome.Queued q) {
            return new HookReceipt("queued", q.deliveryId(), null);
        }
        return new HookReceipt("duplicate", null, null);
    }
}
