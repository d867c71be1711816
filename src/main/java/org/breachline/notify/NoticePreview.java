package org.breachline.notify;

/** What a notice looks like for one sample person, or why it cannot be sent to them. */
public sealed interface NoticePreview {

    SamplePerson person();

    /** The notice as the person would receive it. */
    record Rendered(SamplePerson person, RenderedNotice notice) implements NoticePreview {
    }

    /** The notice cannot be made for this person (no fitting template, too many SMS segments). */
    record Failed(SamplePerson person, String reason) implements NoticePreview {
    }
}
