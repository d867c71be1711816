package org.breachline.http;

import java.util.List;

/** One page of a listing, with what is needed to ask for the next. */
public record Page<T>(List<T> items, long total, int limit, int offset) {
    public Page {
        items = List.copyOf(items);
    }
}
