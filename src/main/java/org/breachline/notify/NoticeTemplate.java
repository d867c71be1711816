package org.breachline.notify;

import com.github.mustachejava.Mustache;
import java.util.Optional;
import java.util.Set;

/**
 * One compiled template file: its kind, channel and variant, the laws whose elements it was found to carry (e-mail only),
 * and the variables it shows as values. E-mail templates have a subject, an HTML and a text part; SMS templates a body.
 */
public final class NoticeTemplate {
    private final NoticeKind kind;
    private final Channel channel;
    private final TemplateVariant variant;
    private final Set<NoticeLaw> laws;
    private final Set<String> valueVariables;
    private final Mustache subject;
    private final Mustache html;
    private final Mustache text;

    NoticeTemplate(NoticeKind kind, Channel channel, TemplateVariant variant, Set<NoticeLaw> laws, Set<String> valueVariables,
            Mustache subject, Mustache html, Mustache text) {
        this.kind = kind;
        this.channel = channel;
        this.variant = variant;
        this.laws = Set.copyOf(laws);
        this.valueVariables = Set.copyOf(valueVariables);
        this.subject = subject;
        this.html = html;
        this.text = text;
    }

    public NoticeKind kind() {
        return kind;
    }

    public Channel channel() {
        return channel;
    }

    public TemplateVariant variant() {
        return variant;
    }

    /** The file, relative to the templates folder: {@code breach-notice/email/en-US-CA.mustache}. */
    public String file() {
        return kind.folder() + "/" + channel.folder() + "/" + variant.stem() + ".mustache";
    }

    /** The laws whose every checked element this template carries. */
    public Set<NoticeLaw> laws() {
        return laws;
    }

    /** Variables shown as values ({@code {{name}}}), as opposed to those used only as sections (flags, lists). */
    public Set<String> valueVariables() {
        return valueVariables;
    }

    Optional<Mustache> subject() {
        return Optional.ofNullable(subject);
    }

    Optional<Mustache> html() {
        return Optional.ofNullable(html);
    }

    /** The text part of an e-mail, or the body of an SMS. */
    Mustache text() {
        return text;
    }

    @Override
    public String toString() {
        return file();
    }
}
